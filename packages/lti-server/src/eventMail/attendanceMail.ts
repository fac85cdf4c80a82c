import { enqueueMail, type Person, type ProgrammeEvent, type Stores } from '@kompetenta/core';
import { stockholmDate } from '../certificate/reminders';

/** The outbox key of an attendance confirmation: one per (event, person), however often recorded. */
export const attendanceMailKey = (eventId: string, personId: string): string =>
  `attendance:${eventId}:${personId}`;

/**
 * Enqueues the confirmation that `person` attended `event`. Call it in the transaction that
 * recorded the attendance (check-in, LTI event link), so the mail row lands with the attendance or
 * not at all; the key `attendance:<event>:<person>` sends it once even when the person checks in
 * again. Nobody without an e-mail address (or erased) gets one. A roster import does not call it:
 * staff import lists after the fact, often hundreds of rows, and a bulk of unasked-for mail is
 * not what they meant. Returns whether one was enqueued.
 */
export async function enqueueAttendanceConfirmation(
  stores: Stores,
  input: {
    readonly person: Person;
    readonly event: ProgrammeEvent;
    readonly locale?: 'sv' | 'en';
  },
): Promise<boolean> {
  const { person, event } = input;
  if (person.email === null || person.erasedAt !== null) return false;
  const organisation = await stores.organisations.get(person.organisationId);
  await enqueueMail(stores.outbox, {
    template: 'attendanceConfirmation',
    ...(input.locale ? { locale: input.locale } : {}),
    idempotencyKey: attendanceMailKey(event.id, person.id),
    sender: organisation,
    recipient: { email: person.email, name: person.name },
    data: {
      eventTitle: event.title,
      attendedOn: stockholmDate(event.startsAt),
      hours: event.hours,
    },
  });
  return true;
}
