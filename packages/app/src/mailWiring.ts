import type { Outbox, OutboxWorker } from '@kompetenta/core';
import { createMailer, type Mailer } from '@kompetenta/mailer';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { startOutboxWorker } from './outboxWiring';

/** What the mail delivery needs from the typed configuration. */
export interface MailWiringConfig {
  /** `SMTP_URL`; undefined writes every e-mail as an `.eml` file under `<dataDir>/outbox`. */
  readonly smtpUrl: string | undefined;
  /** `MAIL_FROM`: the sender address; each organisation's name is its display name. */
  readonly mailFrom: string;
  readonly dataDir: string;
}

/** The running mail delivery: the mailer (to render or send directly) and its outbox worker. */
export interface MailDelivery {
  readonly mailer: Mailer;
  readonly worker: OutboxWorker;
  /** Stops polling, waits for the batch in flight, closes SMTP connections. */
  stop(): Promise<void>;
}

/**
 * A lease well above the mailer's SMTP timeouts (10 s connect, 10 s greeting, 30 s socket) for
 * a batch of 10, so a slow server cannot make a lease run out mid-batch and a message go out twice.
 */
const leaseMs = 5 * 60_000;

/**
 * Creates the mailer and starts the worker that delivers the outbox's `mail` messages. Every
 * instance may run one: leases make sure each message goes out once. Throws MAIL_CONFIG_INVALID.
 */
export function startMailDelivery(options: {
  readonly config: MailWiringConfig;
  readonly outbox: Outbox;
  readonly logger: Logger;
}): MailDelivery {
  const { config, outbox, logger } = options;
  const mailLogger = logger.child({ component: 'mail' });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    outboxDir: join(config.dataDir, 'outbox'),
    from: config.mailFrom,
    logger: mailLogger,
  });
  const worker = startOutboxWorker({
    outbox,
    topic: 'mail',
    deliver: mailer.deliver,
    logger: mailLogger,
    log: {
      retry: 'e-mail will be retried',
      failed: 'e-mail failed for good; staff see it in the outbox',
      leftToAnother: 'e-mail left to another worker (lease ran out)',
      unreadable: 'mail worker could not read the outbox; trying again',
    },
    leaseMs,
    batchSize: 10,
    backoff: { baseMs: 30_000, maxMs: 60 * 60_000 },
    pollIntervalMs: 5_000,
  });
  mailLogger.info(
    { mode: mailer.mode, ...(mailer.mode === 'files' ? { folder: join(config.dataDir, 'outbox') } : {}) },
    mailer.mode === 'smtp'
      ? 'e-mail goes out through SMTP_URL'
      : 'no SMTP_URL: e-mail is written as .eml files',
  );
  return {
    mailer,
    worker,
    async stop() {
      await worker.stop();
      mailer.close();
    },
  };
}
