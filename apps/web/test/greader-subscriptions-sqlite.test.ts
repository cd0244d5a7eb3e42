import { describeGreaderSubscriptionsContract } from './support/greader-subscriptions-contract';

describeGreaderSubscriptionsContract('sqlite');
