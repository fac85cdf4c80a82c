import type { Organisation, Person, Stores } from '@kompetenta/core';
import { enqueueAttendanceConfirmation } from '../eventMail/attendanceMail';
import type { CheckinSubmission } from './checkinForm';

export interface CheckinOutcome {
  readonly person: Person;
  /** False when the person already had attendance at the event (nothing new stored). */
  readonly recorded: boolean;
  /** True when the person was known before (same organisation and e-mail). */
  readonly recognised: boolean;
  /** True when the walk-in named an organisation nobody had named before. */
  readonly organisationCreated: boolean;
}

/** Names compared as people type them: case, spacing and Unicode form do not matter. */
export function organisationKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');
}

/**
 * The organisation a walk-in names: an existing one with the same name (case-insensitive), else
 * a new one of kind `ovrig`, audited so staff can review it (merge or correct it later). A new
 * organisation has no LMS deployment and no staff, so creating one grants nobody anything.
 */
async function organisationFor(
  stores: Stores,
  name: string,
): Promise<{ organisation: Organisation; created: boolean }> {
  const key = organisationKey(name);
  const existing = (await stores.organisations.list()).find((org) => organisationKey(org.name) === key);
  if (existing) return { organisation: existing, created: false };
  const organisation = await stores.organisations.create({ name: name.trim(), kind: 'ovrig' });
  await stores.audit.append({
    actor: 'checkin',
    action: 'organisation.create',
    subject: organisation.id,
    organisationId: organisation.id,
    details: { via: 'checkin' },
  });
  return { organisation, created: true };
}

/**
 * Records a check-in in one transaction, idempotent per (event, person). A person already known
 * in the organisation by e-mail (case-insensitive, LTI learners included) is reused, and the
 * form cannot overwrite what is stored about them: anyone holding the link could type someone
 * else's address, so only profile fields still empty are filled. Changes go through /profile.
 * A new attendance also enqueues its confirmation mail (in `locale`, the form's language) in the
 * same transaction; checking in again sends nothing more.
 */
export async function recordCheckin(
  stores: Stores,
  eventId: string,
  submission: CheckinSubmission,
  now: Date,
  locale: 'sv' | 'en' = 'sv',
): Promise<CheckinOutcome> {
  return stores.transaction(async (tx) => {
    const { organisation, created } = await organisationFor(tx, submission.organisation);
    const email = submission.email.toLowerCase();
    const known = (await tx.people.list(organisation.id)).find(
      (person) => person.erasedAt === null && person.email?.toLowerCase() === email,
    );
    const person =
      known ??
      (await tx.people.upsertByEmail({
        organisationId: organisation.id,
        email: submission.email,
        name: submission.name,
      }));
    const profile = await tx.profiles.get(person.id);
    await tx.profiles.set(person.id, {
      ...(profile?.role ? {} : { role: submission.role }),
      ...(profile?.gender || submission.gender === null ? {} : { gender: submission.gender }),
      ...(profile?.consentAt ? {} : { consentAt: now }),
    });
    const before = await tx.events.listAttendance(eventId);
    const recorded = !before.some((row) => row.personId === person.id);
    await tx.events.recordAttendance({ eventId, personId: person.id, source: 'checkin' });
    if (recorded)
      await enqueueAttendanceConfirmation(tx, { person, event: await tx.events.get(eventId), locale });
    return { person, recorded, recognised: known !== undefined, organisationCreated: created };
  });
}
