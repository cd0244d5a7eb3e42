import { describeSessionRevocation } from './support/session-revocation';

describeSessionRevocation('sqlite');
