/**
 * Fixed vocabularies of the domain, named once. Storage checks them with CHECK constraints and
 * boundaries validate against them; see ../shared/domain.md §1.4 and §2.
 */

/** Self-reported gender. Unset (null) means "not recorded" — never inferred. */
export const GENDERS = ['kvinna', 'man', 'annat', 'vill_ej_uppge'] as const;
export type Gender = (typeof GENDERS)[number];

/** The roles a participant reports for programme statistics. */
export const PARTICIPANT_ROLES = [
  'handledare',
  'anstalld',
  'styrelseledamot',
  'arbetsformedlingen',
  'kommun',
  'forsakringskassan',
  'ovrig',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** The kinds of programme events attendance is recorded for. */
export const EVENT_TYPES = [
  'natverkstraff',
  'anordnartraff',
  'interregional_natverkstraff',
  'inspirationstraff',
  'utbildningstillfalle',
  'jamstalldhetsseminarium',
  'tillganglighetsseminarium',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** How an attendance row came to be. */
export const ATTENDANCE_SOURCES = ['checkin', 'roster', 'lti', 'staff'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/** Kinds of organisations in the social economy (and the public sector that meets them). */
export const ORGANISATION_KINDS = [
  'forening',
  'kooperativ',
  'socialt_foretag',
  'lokal_utvecklingsgrupp',
  'offentlig',
  'ovrig',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
