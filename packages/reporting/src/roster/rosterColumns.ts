/**
 * The columns of an attendance roster. Staff fill these in Swedish; the English names are
 * accepted too, because rosters are often exported from other systems. Headings are matched
 * after folding case, diacritics, spaces, hyphens and underscores ("E-post", "epost", "e_post").
 */

/** The field a roster column fills. */
export type RosterField = 'name' | 'email' | 'organisation' | 'role' | 'gender' | 'consent' | 'municipality';

/** One roster column: its Swedish heading (as documented and reported), its aliases, whether it must be there. */
export interface RosterColumn {
  readonly field: RosterField;
  readonly heading: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

/** Every roster column, in the order the documentation shows them. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'name', heading: 'namn', aliases: ['name', 'fullstandigt namn', 'full name'], required: true },
  {
    field: 'email',
    heading: 'e-post',
    aliases: ['epost', 'email', 'e-mail', 'mejl', 'mail'],
    required: true,
  },
  { field: 'organisation', heading: 'organisation', aliases: ['organization', 'org'], required: false },
  { field: 'role', heading: 'roll', aliases: ['role'], required: false },
  { field: 'gender', heading: 'kön', aliases: ['kon', 'gender'], required: false },
  { field: 'consent', heading: 'samtycke', aliases: ['consent'], required: false },
  { field: 'municipality', heading: 'kommun', aliases: ['kommunkod', 'municipality'], required: false },
];

/**
 * Lower case without diacritics and separators: "Kön" → "kon", "E-post" → "epost",
 * "Vill ej uppge" → "villejuppge". Used for headings and vocabulary values alike.
 */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_\-/.]+/g, '');
}

const byKey = new Map<string, RosterColumn>(
  ROSTER_COLUMNS.flatMap((column) =>
    [column.heading, ...column.aliases].map((name) => [foldKey(name), column] as const),
  ),
);

/** The column a heading names, or undefined for an unknown heading. */
export function rosterColumn(heading: string): RosterColumn | undefined {
  return byKey.get(foldKey(heading));
}
