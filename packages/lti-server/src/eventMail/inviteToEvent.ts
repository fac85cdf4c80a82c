import {
  AppError,
  MUNICIPALITIES,
  enqueueMail,
  isAppError,
  type Organisation,
  type ProgrammeEvent,
  type Stores,
} from '@kompetenta/core';
import { createCheckinLink } from '../checkin/checkinLink';
import { CHECKIN_LINK_MAX_HOURS } from '../checkin/checkinToken';
import { parseInvitationList } from '../standalone/parseInvitationList';

const HOUR_MS = 3_600_000;
/** The invitation's check-in link opens this long before the start… */
const OPENS_BEFORE_MS = HOUR_MS;
/** …and works this long after the end (people check in late, or on the way home). */
const CLOSES_AFTER_MS = 2 * HOUR_MS;

const municipalityName = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

/** Who to invite: an organisation's people, a pasted list or CSV (e-mail and optional name), or both. */
export interface EventInvitationInput {
  readonly eventId: string;
  /** Everyone of this organisation with an e-mail address; with `list`, the list's sender instead. */
  readonly organisationId?: string;
  /** One person a line, as for standalone invitations (`e-post;namn`). */
  readonly list?: string;
  readonly now: Date;
  /** PUBLIC_URL, for the check-in link. */
  readonly publicUrl: string;
  readonly checkinSecret: Uint8Array;
  /** Who sent them, for the audit log: `cli`, or `person:<id>` from the dashboard. */
  readonly actor: string;
}

export interface EventInvitationResult {
  /** Invitations in the outbox for this call (someone invited before is not mailed again). */
  readonly invited: number;
  /** People left out because they opted out of reminder and information mail. */
  readonly optedOut: number;
}

/** The outbox key of one invitation: one per (event, address), whichever way they were invited. */
export const eventInvitationKey = (eventId: string, email: string): string =>
  `event-invitation:${eventId}:${email.trim().toLowerCase()}`;

function invalid(problems: string[]): AppError {
  return new AppError('EVENT_INVITATION_INVALID', `Nobody was invited: ${problems.join('; ')}.`, {
    problems,
  });
}

function location(event: ProgrammeEvent): string {
  const municipality = event.municipalityCode ? municipalityName.get(event.municipalityCode) : undefined;
  const where = [event.place, municipality].filter(Boolean).join(', ');
  return where || 'Platsen meddelas senare';
}

async function found<T>(lookup: Promise<T>, problem: string, problems: string[]): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (!isAppError(error, 'STORE_RECORD_NOT_FOUND')) throw error;
    problems.push(problem);
    return null;
  }
}

/** Why the event cannot be invited to now, if it cannot: over, or beyond a check-in link's life. */
function timingProblem(event: ProgrammeEvent, now: Date): string | undefined {
  const closes = event.startsAt.getTime() + event.hours * HOUR_MS + CLOSES_AFTER_MS;
  if (closes <= now.getTime()) return `event ${event.id} is over`;
  if (closes - now.getTime() > CHECKIN_LINK_MAX_HOURS * HOUR_MS)
    return `event ${event.id} ends more than ${CHECKIN_LINK_MAX_HOURS / 24} days from now; invite at most ${CHECKIN_LINK_MAX_HOURS / 24} days ahead (the check-in link in the invitation cannot live longer)`;
  return undefined;
}

/**
 * Invites people to a programme event, in one transaction: one `eventInvitation` mail per address
 * (key `event-invitation:<event>:<address>`, so inviting again never mails twice), with the
 * event's check-in link, which opens an hour before the start. People who opted out of reminder
 * mail are left out. Every problem (unknown event or organisation, an event over or too far ahead,
 * bad list rows by row number) is reported at once as EVENT_INVITATION_INVALID; nothing is stored.
 */
export async function inviteToEvent(
  stores: Stores,
  input: EventInvitationInput,
): Promise<EventInvitationResult> {
  const problems: string[] = [];
  if (input.organisationId === undefined && input.list === undefined)
    problems.push('name an organisation or give a list of addresses');
  const parsed = input.list === undefined ? undefined : parseInvitationList(input.list);
  if (parsed && !parsed.ok)
    for (const problem of parsed.problems)
      problems.push(problem.row > 0 ? `row ${problem.row}: ${problem.message}` : problem.message);
  return stores.transaction(async (tx) => {
    const event = await found(tx.events.get(input.eventId), `there is no event ${input.eventId}`, problems);
    const organisation: Organisation | null =
      input.organisationId === undefined
        ? await tx.access.programmeOrganisation()
        : await found(
            tx.organisations.get(input.organisationId),
            `there is no organisation ${input.organisationId}`,
            problems,
          );
    const timing = event ? timingProblem(event, input.now) : undefined;
    if (timing) problems.push(timing);
    if (problems.length > 0 || !event || !organisation) throw invalid(problems);

    const members = (await tx.people.list(organisation.id)).filter((p) => p.erasedAt === null);
    const recipients =
      parsed?.ok === true
        ? parsed.rows.map((row) => ({ email: row.email, name: row.name }))
        : members.flatMap((p) => (p.email ? [{ email: p.email, name: p.name }] : []));
    const link = await createCheckinLink({
      secret: input.checkinSecret,
      publicUrl: input.publicUrl,
      eventId: event.id,
      now: input.now,
      validHours:
        (event.startsAt.getTime() + event.hours * HOUR_MS + CLOSES_AFTER_MS - input.now.getTime()) / HOUR_MS,
      notBefore: new Date(event.startsAt.getTime() - OPENS_BEFORE_MS),
    });
    let invited = 0;
    let optedOut = 0;
    for (const recipient of recipients) {
      const address = recipient.email.toLowerCase();
      const people = [
        ...members.filter((p) => p.email?.toLowerCase() === address),
        ...(await tx.access.findPeopleByEmail(address)),
      ];
      const optOuts = await Promise.all(people.map((p) => tx.mailPreferences.isOptedOut(p.id)));
      if (optOuts.some(Boolean)) {
        optedOut += 1;
        continue;
      }
      await enqueueMail(tx.outbox, {
        template: 'eventInvitation',
        idempotencyKey: eventInvitationKey(event.id, address),
        sender: organisation,
        recipient,
        data: {
          eventTitle: event.title,
          startsAt: event.startsAt.toISOString(),
          endsAt: new Date(event.startsAt.getTime() + event.hours * HOUR_MS).toISOString(),
          location: location(event),
          eventUrl: link.url,
        },
      });
      invited += 1;
    }
    await tx.audit.append({
      actor: input.actor,
      action: 'event.invite',
      subject: `event:${event.id}`,
      organisationId: organisation.id,
      details: { invited, optedOut, via: parsed ? 'list' : 'organisation' },
    });
    return { invited, optedOut };
  });
}
