/** The dashboard's languages: Swedish first, English on request (`?lang=en`). */
export type DashboardLang = 'sv' | 'en';

export function dashboardLang(value: unknown): DashboardLang {
  return value === 'en' ? 'en' : 'sv';
}

/** Every fixed text of the dashboard pages, per language. */
export const DASHBOARD_TEXT = {
  sv: {
    title: 'Översikt',
    scopeAll: 'Du ser hela programmet.',
    scopeOrg: (name: string) => `Du ser ${name}.`,
    otherLanguage: 'In English',
    filters: 'Urval',
    from: 'Från och med',
    to: 'Till och med',
    course: 'Kurs',
    eventType: 'Aktivitetstyp',
    county: 'Län',
    organisation: 'Organisation',
    all: 'Alla',
    show: 'Visa',
    problems: 'Urvalet kunde inte användas',
    targets: 'Mål',
    targetsOrg: 'Mål – er organisations bidrag',
    targetOf: (value: string, goal: string) => `${value} av ${goal}`,
    notMeasured: 'registreras inte ännu',
    completionOverTime: 'Genomförda utbildningar per månad och kön',
    attendanceOverTime: 'Deltagare i aktiviteter per månad och kön',
    completionByCourse: 'Genomförda utbildningar per kurs och kön',
    attendanceByType: 'Deltagare per aktivitetstyp och kön',
    chartDescription: 'Stapeldiagram. Samma siffror finns i tabellen under diagrammet.',
    noData: 'Inga uppgifter för det här urvalet.',
    month: 'Månad',
    suppressed:
      'Grupper med färre än {k} personer visas som .. (och fler celler döljs vid behov), så att ingen kan kännas igen.',
    downloads: 'Ladda ner',
    downloadsIntro: 'Samma urval som ovan. Varje nedladdning skrivs i granskningsloggen.',
    report: 'Rapport',
    csv: 'CSV',
    csvSemicolon: 'CSV för svenskt Excel',
    xlsx: 'Excel (XLSX)',
    participants: 'Deltagarlista (pseudonym)',
    events: 'Aktiviteter',
    eventsLink: 'Aktiviteter: lägg till, ladda upp närvarolistor',
    inviteToEvent: 'Bjud in till en aktivitet',
    total: 'Totalt',
  },
  en: {
    title: 'Dashboard',
    scopeAll: 'You see the whole programme.',
    scopeOrg: (name: string) => `You see ${name}.`,
    otherLanguage: 'På svenska',
    filters: 'Filters',
    from: 'From',
    to: 'To (inclusive)',
    course: 'Course',
    eventType: 'Event type',
    county: 'County',
    organisation: 'Organisation',
    all: 'All',
    show: 'Show',
    problems: 'The filters could not be used',
    targets: 'Targets',
    targetsOrg: "Targets – your organisation's share",
    targetOf: (value: string, goal: string) => `${value} of ${goal}`,
    notMeasured: 'not recorded yet',
    completionOverTime: 'Completed courses by month and gender',
    attendanceOverTime: 'Event participants by month and gender',
    completionByCourse: 'Completed courses by course and gender',
    attendanceByType: 'Participants by event type and gender',
    chartDescription: 'Bar chart. The same numbers are in the table below the chart.',
    noData: 'No data for these filters.',
    month: 'Month',
    suppressed:
      'Groups of fewer than {k} people are shown as .. (with more cells hidden where needed), so that nobody can be recognised.',
    downloads: 'Download',
    downloadsIntro: 'The same filters as above. Every download is written to the audit log.',
    report: 'Report',
    csv: 'CSV',
    csvSemicolon: 'CSV for Swedish Excel',
    xlsx: 'Excel (XLSX)',
    participants: 'Participants (pseudonymous)',
    events: 'Events',
    eventsLink: 'Events: add one, upload attendance lists',
    inviteToEvent: 'Invite to an event (in Swedish)',
    total: 'Total',
  },
} as const;

export type DashboardText = (typeof DASHBOARD_TEXT)[DashboardLang];

/** Gender column labels of the reporting package, in English. */
export const ENGLISH_COLUMN_LABELS: Readonly<Record<string, string>> = {
  Kvinnor: 'Women',
  Män: 'Men',
  Annat: 'Other',
  'Vill ej uppge': 'Prefer not to say',
  'Övriga/vill ej uppge': 'Other/prefer not to say',
  'Ej registrerat': 'Not recorded',
  Totalt: 'Total',
  'Uppgift saknas': 'Not known',
};
