import { AppError, type DeliverMessage, type JsonValue, type NewOutboxMessage } from '@kompetenta/core';
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { classifySmtpError } from './classifySmtpError';
import { createMailRenderer, type RenderedMail } from './createMailRenderer';
import { parseMailRequest } from './parseMailRequest';
import { createBufferTransport, createSmtpTransport, type SmtpTlsOptions } from './smtpTransport';
import { writeEmlFile } from './writeEmlFile';

/** A pino-compatible logger, or anything with the same two methods. */
export interface MailLogger {
  /**
   * Logs an event (e.g. an e-mail sent or written to a file) with structured `fields`, pino's argument order.
   */
  info(fields: object, message: string): void;
  /** Logs a warning with structured `fields`, pino's argument order. */
  warn(fields: object, message: string): void;
}

/** Options of {@link createMailer}. Give `transport` or `smtpUrl`; with neither, mail goes to files. */
export interface MailerOptions {
  /** A ready nodemailer transport (takes precedence over `smtpUrl`). */
  readonly transport?: Transporter;
  /**
   * `smtps://user:password@host:465` (TLS from the first byte) or `smtp://user:password@host:587`
   * (STARTTLS when offered); certificates are always verified. Anything else: MAIL_CONFIG_INVALID.
   */
  readonly smtpUrl?: string | undefined;
  readonly smtpTls?: SmtpTlsOptions;
  /** Where `.eml` files go when there is no SMTP server (`<DATA_DIR>/outbox`). */
  readonly outboxDir: string;
  /** The sender address; the organisation's name becomes its display name. */
  readonly from: string;
  readonly logger?: MailLogger;
  /** Template folder; the package's own by default. */
  readonly templatesDir?: string;
}

/** What happened to one sent message. */
export interface SentMail {
  readonly messageId: string;
  /** The `.eml` file, when there is no SMTP server. */
  readonly file: string | undefined;
}

/** Renders and sends Kompetenta's e-mails. */
export interface Mailer {
  /** `smtp` sends, `files` writes `.eml` files to `outboxDir`. */
  readonly mode: 'smtp' | 'files';
  /** Validates and renders without sending. Throws MAIL_MESSAGE_INVALID. */
  render(request: unknown): RenderedMail;
  /**
   * Sends one e-mail. The same `idempotencyKey` always gives the same Message-ID, so a resend of
   * an outbox row is recognisable. Throws MAIL_MESSAGE_INVALID or MAIL_DELIVERY_REJECTED
   * (permanent), MAIL_TRANSPORT_UNAVAILABLE or MAIL_FILE_WRITE_FAILED (transient).
   */
  send(request: unknown, idempotencyKey: string): Promise<SentMail>;
  /** For the outbox worker (topic `mail`): the payload is a mail request. */
  readonly deliver: DeliverMessage;
  /** Closes the SMTP connection(s). */
  close(): void;
}

const plainAddress = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** A stable Message-ID per idempotency key, in the sender's domain (RFC 5322 §3.6.4). */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${hash}@${from.slice(from.lastIndexOf('@') + 1)}>`;
}

/**
 * A mail request (checked here) as an outbox message, validated now so a bad request fails in the transaction
 * that makes it rather than later in the worker. Enqueue it with the change that caused it.
 */
export function mailOutboxMessage(
  request: unknown,
  idempotencyKey: string,
  organisationId: string | null = null,
): NewOutboxMessage {
  const parsed = parseMailRequest(request);
  return {
    topic: 'mail',
    idempotencyKey,
    organisationId,
    payload: JSON.parse(JSON.stringify(parsed)) as { [key: string]: JsonValue },
  };
}

/** Creates the mailer: SMTP when configured, `.eml` files otherwise, so nothing is lost. */
export function createMailer(options: MailerOptions): Mailer {
  if (!plainAddress.test(options.from)) {
    throw new AppError(
      'MAIL_CONFIG_INVALID',
      'MAIL_FROM must be a plain e-mail address such as kurser@example.se.',
    );
  }
  const smtp =
    options.transport ??
    (options.smtpUrl ? createSmtpTransport(options.smtpUrl, options.smtpTls) : undefined);
  const files = smtp ? undefined : createBufferTransport();
  const render = createMailRenderer(options.templatesDir);

  async function send(input: unknown, idempotencyKey: string): Promise<SentMail> {
    const request = parseMailRequest(input);
    const rendered = render(request);
    const messageId = messageIdFor(idempotencyKey, options.from);
    const headers: Record<string, string> = {
      // Tells mail programs not to send out-of-office replies to an automatic message (RFC 3834).
      'Auto-Submitted': 'auto-generated',
      'X-Kompetenta-Idempotency-Key': idempotencyKey,
      'X-Kompetenta-Template': request.template,
    };
    if (rendered.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${rendered.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const mail = {
      from: { name: request.data.organisationName, address: options.from },
      to:
        typeof request.to === 'string' ? request.to : { name: request.to.name, address: request.to.address },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId,
      headers,
    };
    if (files) {
      const info = (await files.sendMail(mail)) as { message: Buffer };
      const name = `${request.template}-${messageId.slice(1, 17)}`;
      const file = await writeEmlFile(options.outboxDir, name, info.message);
      options.logger?.info(
        { file, template: request.template, messageId },
        'e-mail written to a file (no SMTP_URL)',
      );
      return { messageId, file };
    }
    try {
      await smtp!.sendMail(mail);
    } catch (error) {
      throw classifySmtpError(error);
    }
    options.logger?.info({ template: request.template, messageId }, 'e-mail sent');
    return { messageId, file: undefined };
  }

  return {
    mode: smtp ? 'smtp' : 'files',
    render: (request) => render(parseMailRequest(request)),
    send,
    deliver: async (message) => {
      await send(message.payload, message.idempotencyKey);
    },
    close: () => smtp?.close(),
  };
}
