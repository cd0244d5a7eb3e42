import { describeSessionRevocation } from './support/session-revocation';

describeSessionRevocation('postgres');
