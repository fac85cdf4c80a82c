import { expect } from 'chai';
import { enqueueMail, type NewOutboxMessage, type Outbox, type OutboxMessage } from '../../src/index';

/** Keeps what was enqueued; the real outbox (keys, transactions) is tested in integration. */
function recordingOutbox(): Pick<Outbox, 'enqueue'> & { readonly enqueued: NewOutboxMessage[] } {
  const enqueued: NewOutboxMessage[] = [];
  return {
    enqueued,
    enqueue(message) {
      enqueued.push(message);
      const row: OutboxMessage = {
        id: enqueued.length,
        topic: message.topic,
        idempotencyKey: message.idempotencyKey,
        organisationId: message.organisationId ?? null,
        payload: message.payload,
        status: 'pending',
        tries: 0,
        nextAttemptAt: new Date(0),
        lastError: null,
        createdAt: new Date(0),
        sentAt: null,
      };
      return Promise.resolve(row);
    },
  };
}

describe('enqueueMail', () => {
  it('writes a mail row: sender name as display name, recipient by name, template fields after', async () => {
    const outbox = recordingOutbox();
    await enqueueMail(outbox, {
      template: 'completion',
      idempotencyKey: 'completion:a-1',
      sender: { id: 'org-1', name: 'Byalaget' },
      recipient: { email: 'ada@byalag.se', name: 'Ada' },
      data: { courseTitle: 'Handledarutbildning', hours: 2 },
    });
    expect(outbox.enqueued).to.deep.equal([
      {
        topic: 'mail',
        idempotencyKey: 'completion:a-1',
        organisationId: 'org-1',
        payload: {
          template: 'completion',
          locale: 'sv',
          to: { name: 'Ada', address: 'ada@byalag.se' },
          data: {
            organisationName: 'Byalaget',
            recipientName: 'Ada',
            courseTitle: 'Handledarutbildning',
            hours: 2,
          },
        },
      },
    ]);
  });

  it('addresses someone without a name by address only, and keeps a chosen locale', async () => {
    const outbox = recordingOutbox();
    for (const name of [null, undefined, '']) {
      await enqueueMail(outbox, {
        template: 'attendanceConfirmation',
        locale: 'en',
        idempotencyKey: 'attendance:e:p',
        sender: { id: 'org-2', name: 'Kooperativet' },
        recipient: { email: 'anon@example.se', name },
        data: { eventTitle: 'Träff' },
      });
    }
    for (const message of outbox.enqueued) {
      expect(message.payload.to).to.equal('anon@example.se');
      expect(message.payload.locale).to.equal('en');
      expect(message.payload.data).to.deep.equal({ organisationName: 'Kooperativet', eventTitle: 'Träff' });
    }
    expect(outbox.enqueued).to.have.length(3);
  });
});
