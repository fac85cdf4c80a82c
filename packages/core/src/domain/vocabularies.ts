/**
 * Fixed vocabularies of the domain, named once. Storage checks them with CHECK constraints and
 * boundaries validate against them; see ../shared/domain.md §1.4 and §2.
 */

/** Self-reported gender. Unset (null) means "not recorded" — never inferred. */
export const GENDERS = ['kvinna', 'man', 'annat', 'vill_ej_uppge'] as const;
/**
 * One of {@link GENDERS}: `kvinna` (woman), `man`, `annat` (other, non-binary) or `vill_ej_uppge`
 * (prefers not to say).
 */
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
/**
 * One of {@link PARTICIPANT_ROLES}: supervisor (`handledare`), employee (`anstalld`), board member
 * (`styrelseledamot`), staff of Arbetsförmedlingen, a municipality or Försäkringskassan, or other (`ovrig`).
 */
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
/**
 * One of {@link EVENT_TYPES}: network meeting, meeting of providers (`anordnartraff`), interregional
 * network meeting, inspiration meeting, training day, gender-equality seminar, accessibility seminar.
 */
export type EventType = (typeof EVENT_TYPES)[number];

/** How an attendance row came to be. */
export const ATTENDANCE_SOURCES = ['checkin', 'roster', 'lti', 'staff'] as const;
/**
 * One of {@link ATTENDANCE_SOURCES}: the person checked in with the event's link (`checkin`), came from
 * an imported roster (`roster`), was launched by LTI (`lti`), or was recorded by staff (`staff`).
 */
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
/**
 * One of {@link ORGANISATION_KINDS}: association (`forening`), co-operative, social enterprise, local
 * development group, public sector body (`offentlig`), or other (`ovrig`, the default).
 */
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * Type guard for the vocabularies above: true when `value` is a string listed in `values`
 * (case-sensitive), e.g. `isOneOf(GENDERS, input.gender)` at a boundary.
 */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
