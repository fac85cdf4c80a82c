import { createOutboxWorker, type OutboxWorkerOptions } from '@kompetenta/core';
import { describeEachEngine, ManualClock, SmtpTestServer, unusedLoopbackPort } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMailer, mailOutboxMessage, templateNames, type Mailer } from '../../src/index';
import { messageIdFor } from '../../src/createMailer';
import { exampleRequest, linksIn } from '../unit/fixtures';

const from = 'kurser@kompetenta.example';

// The worker's clock is a ManualClock set in the past (March 2026), so every retry it schedules
// (at clock + backoff, at most a minute) is already due by the database's own now(): runOnce()
// drives each retry immediately, no test waits, and nextAttemptAt can be checked exactly.
const backoff = { baseMs: 1_000, maxMs: 60_000, random: () => 0.5 };

/** An HTTP server on 127.0.0.1 that answers 200 to every GET, to prove the e-mailed links open. */
async function linkTarget(): Promise<{ base: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, server };
}

/** The example request for `template`, with its links pointing at `base`. */
function requestWithLinks(
  template: (typeof templateNames)[number],
  locale: 'sv' | 'en',
  to: string,
  base: string,
) {
  return JSON.parse(
    JSON.stringify(exampleRequest(template, locale, to)).replaceAll('https://kompetenta.example', base),
  ) as unknown;
}

describeEachEngine('mail delivery through the outbox and a real SMTP server', (database) => {
  let clock: ManualClock;
  const cleanup: (() => Promise<void> | void)[] = [];
  beforeEach(() => {
    clock = new ManualClock();
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  function mailWorker(mailer: Mailer, overrides: Partial<OutboxWorkerOptions> = {}) {
    return createOutboxWorker({
      outbox: database().stores.outbox,
      topic: 'mail',
      deliver: mailer.deliver,
      workerId: `mail-${randomUUID()}`,
      leaseMs: 60_000,
      batchSize: 20,
      backoff,
      clock,
      ...overrides,
    });
  }

  async function enqueue(request: unknown): Promise<string> {
    const key = `test:${randomUUID()}`;
    await database().stores.outbox.enqueue(mailOutboxMessage(request, key));
    return key;
  }

  async function row(key: string) {
    const rows = await database().stores.outbox.list({ topic: 'mail', limit: 10_000 });
    return rows.find((each) => each.idempotencyKey === key)!;
  }

  it('delivers every template with its recipient, sender name, subject, both parts, headers and working links', async () => {
    const server = await SmtpTestServer.start();
    const links = await linkTarget();
    cleanup.push(
      () => server.stop(),
      () => new Promise<void>((resolve) => links.server.close(() => resolve())),
    );
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${server.port}`,
      outboxDir: '/nonexistent',
      from,
    });
    cleanup.push(() => mailer.close());

    const sent = new Map<
      string,
      { template: (typeof templateNames)[number]; to: string; locale: 'sv' | 'en' }
    >();
    for (const [index, template] of templateNames.entries()) {
      const to = `person${index}@example.se`;
      const locale = index % 2 ? 'en' : 'sv';
      sent.set(await enqueue(requestWithLinks(template, locale, to, links.base)), { template, to, locale });
    }
    expect(await mailWorker(mailer).runOnce()).to.include({
      sent: templateNames.length,
      retried: 0,
      failed: 0,
    });

    expect(server.messages).to.have.length(templateNames.length);
    for (const [key, { template, to, locale }] of sent) {
      const received = server.messages.find((each) => each.parsed.messageId === messageIdFor(key, from));
      expect(received, `${template} arrived with the Message-ID of its key`).to.not.equal(undefined);
      const { parsed, envelope } = received!;
      const request = requestWithLinks(template, locale, to, links.base);
      const { organisationName } = (request as { data: { organisationName: string } }).data;
      expect(envelope.to).to.deep.equal([to]);
      expect(parsed.from?.value).to.deep.equal([{ address: from, name: organisationName }]);
      expect(parsed.headers.get('x-kompetenta-idempotency-key')).to.equal(key);
      expect(parsed.headers.get('x-kompetenta-template')).to.equal(template);
      expect(parsed.subject).to.equal(mailer.render(request).subject);
      expect(parsed.text).to.match(/\S/);
      expect(parsed.html)
        .to.be.a('string')
        .and.match(/<html lang='(sv|en)'/);
      const header = (name: string) => parsed.headerLines.find((line) => line.key === name)?.line;
      if (template === 'reminder') {
        expect(header('list-unsubscribe')).to.equal(
          `List-Unsubscribe: <${links.base}/paminnelser/avsluta/tok123>`,
        );
        expect(header('list-unsubscribe-post')).to.equal('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      } else {
        expect(header('list-unsubscribe'), `${template} has no List-Unsubscribe`).to.equal(undefined);
      }
      for (const link of linksIn(parsed.html as string)) {
        expect(link.href.startsWith(links.base), link.href).to.equal(true);
        expect(parsed.text, 'the text part has the link too').to.include(link.href);
        const response = await fetch(link.href);
        expect(response.status, link.href).to.equal(200);
      }
    }
    expect(links.paths.length).to.be.greaterThan(templateNames.length);
  });

  it('retries while the SMTP server refuses connections, then delivers every message exactly once', async () => {
    const port = await unusedLoopbackPort();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', from });
    cleanup.push(() => mailer.close());
    const worker = mailWorker(mailer);
    const keys = [
      await enqueue(exampleRequest('invitation', 'sv', 'a@example.se')),
      await enqueue(exampleRequest('reminder', 'sv', 'b@example.se')),
      await enqueue(exampleRequest('completion', 'en', 'c@example.se')),
    ];

    expect(await worker.runOnce()).to.include({ claimed: 3, retried: 3, sent: 0 });
    const first = await row(keys[0]!);
    expect(first).to.include({ status: 'pending', tries: 1 });
    expect(first.lastError).to.match(/^MAIL_TRANSPORT_UNAVAILABLE: /);
    expect(first.nextAttemptAt.getTime()).to.equal(clock.now().getTime() + 500); // 0.5 × 1 s

    clock.advanceSeconds(1);
    expect(await worker.runOnce()).to.include({ claimed: 3, retried: 3 });
    expect((await row(keys[0]!)).nextAttemptAt.getTime()).to.equal(clock.now().getTime() + 1_000); // 0.5 × 2 s

    const server = await SmtpTestServer.start({ port });
    cleanup.push(() => server.stop());
    clock.advanceSeconds(2);
    expect(await worker.runOnce()).to.include({ claimed: 3, sent: 3 });
    expect(await worker.runOnce()).to.include({ claimed: 0 });

    const ids = server.messages.map((each) => each.parsed.messageId).sort();
    expect(ids).to.deep.equal(keys.map((key) => messageIdFor(key, from)).sort());
    for (const key of keys) expect(await row(key)).to.include({ status: 'sent', tries: 3 });
  });

  it('marks a message the server answers 550 to as failed and never retries it', async () => {
    const server = await SmtpTestServer.start({
      rejectRecipient: (address) => (address === 'finns-inte@example.se' ? 550 : undefined),
    });
    cleanup.push(() => server.stop());
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${server.port}`,
      outboxDir: '/nonexistent',
      from,
    });
    cleanup.push(() => mailer.close());
    const worker = mailWorker(mailer);
    const rejected = await enqueue(exampleRequest('invitation', 'sv', 'finns-inte@example.se'));
    const accepted = await enqueue(exampleRequest('invitation', 'sv', 'finns@example.se'));
    // A payload that bypassed validation cannot be rendered, ever: failed, not retried.
    const unrenderable = `test:${randomUUID()}`;
    await database().stores.outbox.enqueue({
      topic: 'mail',
      idempotencyKey: unrenderable,
      payload: { template: 'x' },
    });

    expect(await worker.runOnce()).to.include({ claimed: 3, sent: 1, failed: 2, retried: 0 });
    const failed = await row(rejected);
    expect(failed).to.include({ status: 'failed', tries: 1 });
    expect(failed.lastError).to.match(/^MAIL_DELIVERY_REJECTED: .*550/);
    expect((await row(unrenderable)).lastError).to.match(/^MAIL_MESSAGE_INVALID: /);
    expect(await row(accepted)).to.include({ status: 'sent' });

    clock.advanceSeconds(86_400);
    expect(await worker.runOnce()).to.include({ claimed: 0 });
    expect(server.messages.map((each) => each.envelope.to)).to.deep.equal([['finns@example.se']]);
  });
});
