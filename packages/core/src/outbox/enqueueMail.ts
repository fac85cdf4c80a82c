import type { JsonValue } from '../domain/Attempt';
import type { OutboxMessage } from '../domain/OutboxMessage';
import type { Outbox } from '../ports/stores';

/** Who gets an e-mail: the address, and the name to greet them by when it is known. */
export interface MailRecipient {
  readonly email: string;
  readonly name?: string | null | undefined;
}

/** One e-mail for the outbox: a template of `@kompetenta/mailer` and what it needs. */
export interface MailToEnqueue {
  /** The mailer's template (`invitation`, `reminder`, `completion`, `staffDigest`, …). */
  readonly template: string;
  /** Default `sv`. */
  readonly locale?: 'sv' | 'en';
  /** Enqueueing the same key again is a no-op: the key decides how often the mail may go. */
  readonly idempotencyKey: string;
  /** The organisation the mail is sent for: its name is the sender's display name, its id the row's. */
  readonly sender: { readonly id: string; readonly name: string };
  readonly recipient: MailRecipient;
  /** The template's own fields; `organisationName` and `recipientName` are added from sender and recipient. */
  readonly data: { readonly [key: string]: JsonValue };
}

/**
 * Writes one e-mail to the outbox (topic `mail`, payload as `@kompetenta/mailer`'s MailRequest):
 * addressed by name when the recipient has one, the sending organisation's name as the display
 * name. Pass the outbox of the caller's transaction, so the mail lands with what caused it or not
 * at all. The mailer validates the payload when the worker delivers it.
 */
export function enqueueMail(outbox: Pick<Outbox, 'enqueue'>, mail: MailToEnqueue): Promise<OutboxMessage> {
  const { recipient, sender } = mail;
  return outbox.enqueue({
    topic: 'mail',
    idempotencyKey: mail.idempotencyKey,
    organisationId: sender.id,
    payload: {
      template: mail.template,
      locale: mail.locale ?? 'sv',
      to: recipient.name ? { name: recipient.name, address: recipient.email } : recipient.email,
      data: {
        organisationName: sender.name,
        ...(recipient.name ? { recipientName: recipient.name } : {}),
        ...mail.data,
      },
    },
  });
}
