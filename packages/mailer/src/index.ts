/**
 * @kompetenta/mailer — Kompetenta's e-mail: accessible handlebars templates in Swedish and
 * English, sent through SMTP or written as `.eml` files, delivered by the core outbox worker.
 * @packageDocumentation
 */
export {
  createMailer,
  mailOutboxMessage,
  messageIdFor,
  type Mailer,
  type MailerOptions,
  type MailLogger,
  type SentMail,
} from './createMailer';
export { createMailRenderer, defaultTemplatesDir, type RenderedMail } from './createMailRenderer';
export { parseMailRequest, type MailProblem } from './parseMailRequest';
export {
  mailLocales,
  mailRequestSchema,
  templateNames,
  type MailLocale,
  type MailRequest,
  type TemplateData,
  type TemplateName,
} from './mailSchemas';
export { classifySmtpError } from './classifySmtpError';
export { createSmtpTransport, type SmtpTlsOptions } from './smtpTransport';
export { palette } from './palette';
