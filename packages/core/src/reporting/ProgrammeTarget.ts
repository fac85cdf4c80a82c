import type { EventType, ParticipantRole } from '../domain/vocabularies';

/** How a target is measured. Kinds the store cannot measure yet report `null` progress. */
export type TargetMetric =
  | { readonly kind: 'peopleTrained' }
  | { readonly kind: 'eventCount'; readonly eventTypes: readonly EventType[] }
  | { readonly kind: 'eventPlaces'; readonly eventTypes: readonly EventType[] }
  | { readonly kind: 'eventEveryHalfYear'; readonly eventType: EventType }
  | { readonly kind: 'womenShare'; readonly role: ParticipantRole }
  /** Organisation engagement (outreach, needs survey, method development): not tracked yet. */
  | { readonly kind: 'organisationEngagement'; readonly engagement: string };

/** One target of the programme, as configurable data. */
export interface ProgrammeTarget {
  readonly id: string;
  readonly label: { readonly sv: string; readonly en: string };
  readonly metric: TargetMetric;
  /** The goal (a count, or a share 0..1 for `womenShare`); null: followed without a goal. */
  readonly goal: number | null;
}
