import type {
  Organisation,
  Person,
  PersonProfile,
  PersonProfileInput,
  ProgrammeEvent,
  Stores,
} from '@kompetenta/core';
import { requireValidRoster, type RosterCheck, type RosterEntry } from './validateRoster';

/** What an import did; a second import of the same file gives zeros everywhere but `known`/`alreadyAttending`. */
export interface RosterImportResult {
  readonly people: number;
  readonly created: number;
  readonly known: number;
  readonly recorded: number;
  readonly alreadyAttending: number;
  readonly profilesUpdated: number;
  /** People whose own gender differs from the roster's: theirs is kept (staff never change it). */
  readonly genderKept: number;
}

/**
 * Only what the roster adds or corrects. Gender and consent are only filled in where nothing is
 * recorded: they are the person's own statements, which staff cannot change (domain.md §2), and
 * the first consent time stays the consent time.
 */
function profileChanges(
  entry: RosterEntry,
  profile: PersonProfile | null,
  now: Date,
): { input: PersonProfileInput; genderKept: boolean } {
  const input: { -readonly [K in keyof PersonProfileInput]: PersonProfileInput[K] } = {};
  if (entry.role !== null && entry.role !== profile?.role) input.role = entry.role;
  if (entry.municipalityCode !== null && entry.municipalityCode !== profile?.municipalityCode)
    input.municipalityCode = entry.municipalityCode;
  if (entry.consent && !profile?.consentAt) input.consentAt = now;
  const recorded = profile?.gender ?? null;
  if (entry.gender !== null && recorded === null) input.gender = entry.gender;
  return { input, genderKept: entry.gender !== null && recorded !== null && recorded !== entry.gender };
}

/**
 * Writes a validated roster with `stores` (the caller passes a transaction, so all of it lands or
 * none): people upserted by e-mail within the organisation, their profile fields, and attendance
 * with source `roster`. Nothing already true is written again, so re-importing changes nothing.
 */
export async function importRoster(
  stores: Stores,
  entries: readonly RosterEntry[],
  target: { event: ProgrammeEvent; organisation: Organisation; now: Date },
): Promise<RosterImportResult> {
  const { event, organisation, now } = target;
  const byEmail = new Map<string, Person>();
  for (const person of await stores.people.list(organisation.id))
    if (person.email && !person.erasedAt && !person.ltiSubject)
      byEmail.set(person.email.toLowerCase(), person);
  const attending = new Set((await stores.events.listAttendance(event.id)).map((a) => a.personId));
  let created = 0;
  let recorded = 0;
  let profilesUpdated = 0;
  let genderKept = 0;
  for (const entry of entries) {
    const existing = byEmail.get(entry.email.toLowerCase());
    const person =
      existing && existing.name === entry.name
        ? existing
        : await stores.people.upsertByEmail({
            organisationId: organisation.id,
            email: entry.email,
            name: entry.name,
          });
    if (!existing) created++;
    const changes = profileChanges(entry, await stores.profiles.get(person.id), now);
    if (Object.keys(changes.input).length > 0) {
      await stores.profiles.set(person.id, changes.input);
      profilesUpdated++;
    }
    if (changes.genderKept) genderKept++;
    if (!attending.has(person.id)) {
      await stores.events.recordAttendance({ eventId: event.id, personId: person.id, source: 'roster' });
      attending.add(person.id);
      recorded++;
    }
  }
  return {
    people: entries.length,
    created,
    known: entries.length - created,
    recorded,
    alreadyAttending: entries.length - recorded,
    profilesUpdated,
    genderKept,
  };
}

/**
 * The whole write of a checked roster, as the CLI and the upload page do it: refuses a roster with
 * any problem (EVENT_ROSTER_INVALID, nothing written), else imports it in one transaction and
 * audits it — only when something changed, so a repeated import leaves no trace, as it changes
 * nothing.
 */
export async function importCheckedRoster(
  stores: Stores,
  check: RosterCheck,
  target: { event: ProgrammeEvent; organisation: Organisation; now: Date; actor: string; file: string },
): Promise<RosterImportResult> {
  const entries = requireValidRoster(check);
  return stores.transaction(async (trx) => {
    const imported = await importRoster(trx, entries, target);
    if (imported.created + imported.recorded + imported.profilesUpdated > 0) {
      await trx.audit.append({
        actor: target.actor,
        action: 'attendance.import',
        subject: `event:${target.event.id}`,
        organisationId: target.organisation.id,
        details: { file: target.file, ...imported },
      });
    }
    return imported;
  });
}
