import type { ProgrammeTarget } from '../reporting/ProgrammeTarget';

/**
 * The programme's targets as granted ("Kompetenta anordnare – resten av landet", see
 * shared/domain.md §1.4). Deployments may pass their own list instead.
 */
export const DEFAULT_PROGRAMME_TARGETS: readonly ProgrammeTarget[] = [
  {
    id: 'people-trained',
    label: { sv: 'Handledare och andra utbildade', en: 'Mentors and others trained' },
    metric: { kind: 'peopleTrained' },
    goal: 200,
  },
  {
    id: 'organisations-approached',
    label: { sv: 'Organisationer tillfrågade', en: 'Organisations approached' },
    metric: { kind: 'organisationEngagement', engagement: 'outreach' },
    goal: 450,
  },
  {
    id: 'organisations-needs-survey',
    label: { sv: 'Organisationer i behovsinventeringen', en: 'Organisations in the needs survey' },
    metric: { kind: 'organisationEngagement', engagement: 'needs_survey' },
    goal: 100,
  },
  {
    id: 'organisations-method-development',
    label: { sv: 'Organisationer i metodutvecklingen', en: 'Organisations in method development' },
    metric: { kind: 'organisationEngagement', engagement: 'method_development' },
    goal: 10,
  },
  {
    id: 'network-meetings',
    label: { sv: 'Nätverks- och anordnarträffar', en: 'Network and provider meetings' },
    metric: { kind: 'eventCount', eventTypes: ['natverkstraff', 'anordnartraff'] },
    goal: 2,
  },
  {
    id: 'interregional-meetings',
    label: { sv: 'Interregionala nätverksträffar', en: 'Interregional network meetings' },
    metric: { kind: 'eventCount', eventTypes: ['interregional_natverkstraff'] },
    goal: 3,
  },
  {
    id: 'inspiration-places',
    label: { sv: 'Orter med inspirationsträff', en: 'Places with an inspiration meeting' },
    metric: { kind: 'eventPlaces', eventTypes: ['inspirationstraff'] },
    goal: 10,
  },
  {
    id: 'gender-seminar-every-half-year',
    label: {
      sv: 'Halvår med jämställdhetsseminarium',
      en: 'Half-years with a gender-equality seminar',
    },
    metric: { kind: 'eventEveryHalfYear', eventType: 'jamstalldhetsseminarium' },
    goal: null,
  },
  {
    id: 'women-among-mentors',
    label: { sv: 'Andel kvinnor bland aktiva handledare', en: 'Share of women among active mentors' },
    metric: { kind: 'womenShare', role: 'handledare' },
    goal: null,
  },
];
