import fc from 'fast-check';

/** One row as written in the file, and whether the importer must refuse it. */
export interface GeneratedRow {
  readonly cells: readonly string[];
  readonly bad: boolean;
}

/** A generated roster: its bytes, the 1-based file rows that must be reported, and its people. */
export interface GeneratedRoster {
  readonly bytes: Buffer;
  readonly badRows: readonly number[];
  readonly rows: readonly GeneratedRow[];
}

export const HEADER = ['Namn', 'E-post', 'Organisation', 'Roll', 'Kön', 'Samtycke', 'Kommun'];
export const ORGANISATION = 'Föreningen Gemenskap';

/** Names a hostile or careless spreadsheet holds: formulas, markup, quotes, separators, Unicode. */
export const hostileText = fc.oneof(
  fc.constantFrom(
    '=HYPERLINK("http://evil.example","klicka")',
    "=cmd|' /C calc'!A0",
    '+46 70 123',
    '-2+3',
    '@SUM(A1)',
    '\t=1+1',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'Berg, Anna',
    'Ek; Bo',
    'O\'Brien "Bob"',
    'Åsa Öberg-Ängström',
    'Zoë 🙂 Ñandú',
    '\u202Eevil\u202C',
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter((text) => !/[\r\n]/.test(text)),
);

/** A cell quoted as spreadsheets write it when it holds the separator, a quote or a line break. */
function quote(cell: string, separator: string): string {
  return /["\r\n]/.test(cell) || cell.includes(separator) || cell !== cell.trim()
    ? `"${cell.replace(/"/g, '""')}"`
    : cell;
}

const goodRow = (index: number, name: string): string[] => [
  name.trim() === '' ? `Person ${index}` : name,
  `person${index}@example.se`,
  index % 3 === 0 ? ORGANISATION : '',
  index % 2 === 0 ? 'handledare' : '',
  index % 4 === 0 ? 'kvinna' : '',
  index % 4 === 0 ? 'ja' : '',
  index % 5 === 0 ? '0180' : '',
];

/** Ways to break one row; each must be reported on that row. */
const breakages: readonly ((row: string[], name: string) => void)[] = [
  (row) => (row[0] = ''),
  (row, name) => (row[1] = name.replace(/@/g, '') + '@'),
  (row) => (row[1] = 'anna@example'),
  (row) => (row[1] = 'person0@example.se'), // the first row's address again
  (row) => (row[3] = 'chef'),
  (row) => {
    row[4] = 'kvinna';
    row[5] = 'nej';
  },
  (row) => (row[4] = 'hen'),
  (row) => (row[5] = 'kanske'),
  (row) => (row[6] = '9999'),
  (row) => (row[2] = 'Någon annan förening'),
  (row, name) => (row[4] = name.trim() === '' ? '?' : `x${name}`),
];

const rowPlan = fc.record({
  name: hostileText,
  breakage: fc.option(fc.nat(breakages.length - 1), { freq: 3, nil: null }),
});

/** A CSV roster of 1–25 people with BOM, separator and line ends chosen at random. */
export const csvRoster: fc.Arbitrary<GeneratedRoster> = fc
  .record({
    bom: fc.boolean(),
    separator: fc.constantFrom(',', ';'),
    newline: fc.constantFrom('\n', '\r\n'),
    plans: fc.array(rowPlan, { minLength: 1, maxLength: 25 }),
  })
  .map(({ bom, separator, newline, plans }) => {
    const rows: GeneratedRow[] = plans.map((plan, index) => {
      const cells = goodRow(index, plan.name);
      // Row 0 keeps its address so "person0@example.se" on another row is a repeat.
      const breakage = plan.breakage === null || index === 0 ? null : breakages[plan.breakage]!;
      if (breakage) breakage(cells, plan.name);
      return { cells, bad: breakage !== null };
    });
    const lines = [HEADER, ...rows.map((row) => row.cells)].map((cells) =>
      cells.map((cell) => quote(cell, separator)).join(separator),
    );
    const text = (bom ? '\uFEFF' : '') + lines.join(newline) + newline;
    const badRows = rows.flatMap((row, index) => (row.bad ? [index + 2] : []));
    return { bytes: Buffer.from(text, 'utf8'), badRows, rows };
  });
