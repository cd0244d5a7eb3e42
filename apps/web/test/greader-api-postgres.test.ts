import { describeGreaderContract } from './support/greader-contract';

describeGreaderContract('postgres');
