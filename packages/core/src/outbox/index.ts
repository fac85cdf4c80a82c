export { createOutboxWorker } from './createOutboxWorker';
export type {
  DeliverMessage,
  OutboxRunSummary,
  OutboxWorker,
  OutboxWorkerEvent,
  OutboxWorkerOptions,
} from './OutboxWorker';
export { retryDelayMs, retryDelayCapMs, type BackoffPolicy } from './retryDelay';
export { isPermanentFailure, describeFailure, retryAfterHintMs } from './deliveryFailure';
export { enqueueMail, type MailRecipient, type MailToEnqueue } from './enqueueMail';
