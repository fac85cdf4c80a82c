import { AppError } from '@kompetenta/core';
import nodemailer, { type SMTPTransportOptions, type Transporter } from 'nodemailer';

/** Extra TLS trust for an SMTP server with a private certificate authority. */
export interface SmtpTlsOptions {
  /** PEM certificate(s) to trust in addition to the system's. */
  readonly ca?: string | Buffer;
  /** The name the certificate must carry, when it differs from the URL's host. */
  readonly servername?: string;
}

/**
 * Creates a nodemailer SMTP transport from `SMTP_URL`:
 * `smtps://user:password@host:465` (TLS from the first byte) or `smtp://user:password@host:587`
 * (upgraded with STARTTLS when the server offers it). Certificates are always verified.
 * Short timeouts keep a hung server from outlasting the outbox worker's lease.
 * Throws MAIL_CONFIG_INVALID for anything else; the message never repeats the password.
 */
export function createSmtpTransport(smtpUrl: string, tls: SmtpTlsOptions = {}): Transporter {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch (error) {
    throw new AppError('MAIL_CONFIG_INVALID', 'SMTP_URL is not a URL.', undefined, { cause: error });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new AppError(
      'MAIL_CONFIG_INVALID',
      `SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`,
    );
  }
  if (!url.hostname) throw new AppError('MAIL_CONFIG_INVALID', 'SMTP_URL has no host.');
  const secure = url.protocol === 'smtps:';
  const auth = url.username
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : undefined;
  const options: SMTPTransportOptions = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(auth ? { auth } : {}),
    tls: {
      minVersion: 'TLSv1.2',
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.servername ? { servername: tls.servername } : {}),
    },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  return nodemailer.createTransport(options);
}

/** A transport that produces the RFC 822 text of a message instead of sending it. */
export function createBufferTransport(): Transporter {
  return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
}
