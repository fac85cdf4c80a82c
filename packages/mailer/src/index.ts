/**
 * @kompetenta/mailer — Kompetenta's e-mail: accessible handlebars templates in Swedish and
 * English, sent through SMTP or written as `.eml` files, delivered by the core outbox worker.
 *
 * The public API: {@link createMailer}, {@link mailOutboxMessage} to enqueue a mail with the change
 * that causes it, and {@link createMailRenderer} to render the templates without sending. Helpers
 * inside (SMTP transport, error classification, palette) are not exported.
 * @packageDocumentation
 */
export {
  createMailer,
  mailOutboxMessage,
  type Mailer,
  type MailerOptions,
  type MailLogger,
  type SentMail,
} from './createMailer';
export type { SmtpTlsOptions } from './smtpTransport';
export { createMailRenderer, defaultTemplatesDir, type RenderedMail } from './createMailRenderer';
export { parseMailRequest, type MailProblem } from './parseMailRequest';
export {
  mailLocales,
  templateNames,
  type MailLocale,
  type MailRequest,
  type TemplateData,
  type TemplateName,
} from './mailSchemas';
