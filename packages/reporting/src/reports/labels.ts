import { COUNTIES, MUNICIPALITIES, type EventType, type ParticipantRole } from '@kompetenta/core';

const municipalityNames = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));
const countyNames = new Map(COUNTIES.map((c) => [c.code, c.name]));

/** Event types as staff read them. */
export const EVENT_TYPE_LABELS: Readonly<Record<EventType, string>> = {
  natverkstraff: 'Nätverksträff',
  anordnartraff: 'Anordnarträff',
  interregional_natverkstraff: 'Interregional nätverksträff',
  inspirationstraff: 'Inspirationsträff',
  utbildningstillfalle: 'Utbildningstillfälle',
  jamstalldhetsseminarium: 'Jämställdhetsseminarium',
  tillganglighetsseminarium: 'Tillgänglighetsseminarium',
};

/** Participant roles as staff read them. */
export const ROLE_LABELS: Readonly<Record<ParticipantRole, string>> = {
  handledare: 'Handledare',
  anstalld: 'Anställd',
  styrelseledamot: 'Styrelseledamot/förtroendevald',
  arbetsformedlingen: 'Arbetsförmedlingen',
  kommun: 'Kommun',
  forsakringskassan: 'Försäkringskassan',
  ovrig: 'Övrig',
};

/** A readable label for a group key of the given dimension; unknown keys are shown as they are. */
export function groupLabel(dimension: string, key: string | null): string {
  if (key === null) return 'Uppgift saknas';
  switch (dimension) {
    case 'municipality':
      return municipalityNames.has(key) ? `${municipalityNames.get(key)!} (${key})` : key;
    case 'county':
      return countyNames.get(key) ?? key;
    case 'eventType':
      return EVENT_TYPE_LABELS[key as EventType] ?? key;
    case 'role':
      return ROLE_LABELS[key as ParticipantRole] ?? key;
    default:
      return key;
  }
}
