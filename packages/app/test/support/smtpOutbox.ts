import { createOutboxWorker, type Outbox } from '@kompetenta/core';
import { createMailer } from '@kompetenta/mailer';
import { SmtpTestServer, type ReceivedMail } from '@kompetenta/test-utils';
import { randomUUID } from 'node:crypto';

export const MAIL_FROM = 'kurser@kompetenta.test';

/**
 * A real SMTP server in the test process and the real mailer + outbox worker pointed at it:
 * `deliver()` sends every due mail row once (as the app's worker would) and `received(prefix)`
 * gives the messages whose idempotency key starts with `prefix`.
 */
export async function smtpOutbox(outbox: Outbox): Promise<{
  deliver(): Promise<void>;
  received(keyPrefix: string): ReceivedMail[];
  stop(): Promise<void>;
}> {
  const server = await SmtpTestServer.start();
  const mailer = createMailer({
    smtpUrl: `smtp://127.0.0.1:${server.port}`,
    outboxDir: '/nonexistent',
    from: MAIL_FROM,
  });
  const worker = createOutboxWorker({
    outbox,
    topic: 'mail',
    deliver: mailer.deliver,
    workerId: `test-mail-${randomUUID()}`,
    leaseMs: 60_000,
    batchSize: 50,
    backoff: { baseMs: 1_000, maxMs: 60_000 },
  });
  return {
    async deliver() {
      for (;;) {
        const run = await worker.runOnce();
        if (run.failed > 0) throw new Error(`${run.failed} mail(s) failed for good`);
        if (run.claimed === 0) return;
      }
    },
    received: (keyPrefix) =>
      server.messages.filter((mail) => {
        const key = mail.parsed.headers.get('x-kompetenta-idempotency-key');
        return typeof key === 'string' && key.startsWith(keyPrefix);
      }),
    async stop() {
      mailer.close();
      await server.stop();
    },
  };
}
