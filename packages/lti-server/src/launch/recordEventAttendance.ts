import { AppError, isAppError, type Person, type ProgrammeEvent, type Stores } from '@kompetenta/core';
import { enqueueAttendanceConfirmation } from '../eventMail/attendanceMail';
import { html, page } from '../pages/layout';

/** The custom parameter of an LTI event link: `event=<eventId>` (an online seminar). */
export const LTI_EVENT_PARAMETER = 'event';

export interface EventLaunchOutcome {
  readonly kind: 'event';
  readonly person: Person;
  readonly event: ProgrammeEvent;
  /** False when the person's attendance was already recorded (any route): nothing new stored. */
  readonly recorded: boolean;
}

/**
 * Records attendance (source `lti`) for the launching person at the event the link names, inside
 * the launch's transaction, once per (event, person). An unknown event id is the link's fault:
 * LTI_EVENT_UNKNOWN rolls the transaction back, so nothing of the launch is stored. A new
 * attendance enqueues its confirmation mail in the same transaction (when the LMS sent an e-mail
 * address): an LMS knows its courses but not our events, so it tells the person nothing itself.
 */
export async function recordEventAttendance(
  stores: Stores,
  person: Person,
  eventId: string,
): Promise<EventLaunchOutcome> {
  const event = await stores.events.get(eventId).catch((error: unknown) => {
    throw isAppError(error, 'STORE_RECORD_NOT_FOUND')
      ? new AppError('LTI_EVENT_UNKNOWN', `The link names event ${eventId}, which does not exist.`, {
          eventId,
        })
      : error;
  });
  const before = await stores.events.listAttendance(event.id);
  const recorded = !before.some((row) => row.personId === person.id);
  await stores.events.recordAttendance({ eventId: event.id, personId: person.id, source: 'lti' });
  if (recorded) await enqueueAttendanceConfirmation(stores, { person, event });
  return { kind: 'event', person, event, recorded };
}

/** The confirmation a person sees in the LMS after an event link launch. */
export function eventAttendancePage(outcome: EventLaunchOutcome): string {
  const when = outcome.event.startsAt.toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'long',
    timeStyle: 'short',
  });
  return page(
    'Närvaro registrerad',
    'Din närvaro är registrerad',
    html`<p role="status">
        ${outcome.recorded ? 'Vi har registrerat att du deltar i' : 'Du var redan registrerad för'}
        <strong>${outcome.event.title}</strong> (${when}).
      </p>
      <p>Du behöver inte göra något mer. Du kan stänga sidan.</p>`,
    outcome.person.name ?? undefined,
  );
}
