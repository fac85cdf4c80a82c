import { createOutboxWorker } from '@kompetenta/core';
import { describeEachEngine, ManualClock, SmtpTestServer, temporaryDataDir } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMailer, mailOutboxMessage } from '../../src/index';
import { messageIdFor } from '../../src/createMailer';
import { exampleRequest } from '../unit/fixtures';

const from = 'kurser@kompetenta.example';

describe('mailer over smtps with a login', () => {
  let server: SmtpTestServer;
  before(async () => {
    server = await SmtpTestServer.start({
      secure: true,
      auth: { user: 'kurser@kompetenta.example', pass: 'p@ss:word' },
    });
  });
  after(() => server.stop());

  it('verifies the server certificate, logs in (user and password URL-encoded) and delivers', async () => {
    const mailer = createMailer({
      smtpUrl: `smtps://kurser%40kompetenta.example:p%40ss%3Aword@127.0.0.1:${server.port}`,
      smtpTls: { ca: SmtpTestServer.certificate },
      outboxDir: '/nonexistent',
      from,
    });
    try {
      const sent = await mailer.send(exampleRequest('completion', 'sv', 'aisha@example.se'), 'tls:1');
      expect(server.messages.map((each) => each.parsed.messageId)).to.include(sent.messageId);
    } finally {
      mailer.close();
    }
  });

  it('treats a refused login as transient and an untrusted certificate as transient, never as sent', async () => {
    const wrongPassword = createMailer({
      smtpUrl: `smtps://kurser%40kompetenta.example:fel@127.0.0.1:${server.port}`,
      smtpTls: { ca: SmtpTestServer.certificate },
      outboxDir: '/nonexistent',
      from,
    });
    const untrusted = createMailer({
      smtpUrl: `smtps://127.0.0.1:${server.port}`,
      outboxDir: '/nonexistent',
      from,
    });
    const before = server.messages.length;
    for (const mailer of [wrongPassword, untrusted]) {
      try {
        await mailer.send(exampleRequest('completion', 'sv', 'aisha@example.se'), 'tls:2');
        expect.fail('sent without a valid login or certificate');
      } catch (error) {
        expect(error).to.include({ code: 'MAIL_TRANSPORT_UNAVAILABLE' });
      } finally {
        mailer.close();
      }
    }
    expect(server.messages.length).to.equal(before);
  });
});

describeEachEngine('mailer without SMTP: .eml files through the outbox', (database) => {
  it('writes one parseable .eml file per message, logs it, and a resend replaces its file', async () => {
    const folder = temporaryDataDir();
    const logged: object[] = [];
    const mailer = createMailer({
      outboxDir: join(folder.dir, 'outbox'),
      from,
      logger: { info: (fields) => logged.push(fields), warn: () => undefined },
    });
    expect(mailer.mode).to.equal('files');
    const worker = createOutboxWorker({
      outbox: database().stores.outbox,
      topic: 'mail',
      deliver: mailer.deliver,
      workerId: 'files',
      leaseMs: 60_000,
      batchSize: 10,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      clock: new ManualClock(),
    });
    try {
      const requests = [
        exampleRequest('invitation', 'sv', 'a@example.se'),
        exampleRequest('reminder', 'en', 'b@example.se'),
        exampleRequest('eventInvitation', 'sv', 'c@example.se'),
      ];
      for (const [index, request] of requests.entries()) {
        await database().stores.outbox.enqueue(mailOutboxMessage(request, `eml:${index}`));
      }
      expect(await worker.runOnce()).to.include({ sent: 3 });

      const files = readdirSync(join(folder.dir, 'outbox')).sort();
      expect(files).to.have.length(3);
      expect(files.every((file) => file.endsWith('.eml'))).to.equal(true);
      const parsed = await Promise.all(
        files.map((file) => simpleParser(readFileSync(join(folder.dir, 'outbox', file)))),
      );
      for (const [index, request] of requests.entries()) {
        const mail = parsed.find((each) => each.messageId === messageIdFor(`eml:${index}`, from));
        expect(mail, `eml:${index}`).to.not.equal(undefined);
        expect(mail!.to).to.deep.include({ value: [{ address: request.to, name: '' }] });
        expect(mail!.subject).to.equal(mailer.render(request).subject);
        expect(mail!.text).to.match(/\S/);
        expect(mail!.html).to.include(`<html lang='${request.locale}'`);
      }
      expect(logged).to.have.length(3);
      expect(logged[0])
        .to.have.property('file')
        .that.match(/\.eml$/);

      await mailer.send(requests[0], 'eml:0');
      expect(readdirSync(join(folder.dir, 'outbox'))).to.have.length(3);
    } finally {
      folder.remove();
    }
  });
});
