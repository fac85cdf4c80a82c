/** One person to invite, from one row of the list. */
export interface InvitationRow {
  readonly row: number;
  readonly email: string;
  readonly name: string | null;
}

export interface InvitationProblem {
  readonly row: number;
  readonly message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HEADER = /^(e-?post|e-?mail|epostadress|namn|name)$/i;
/** One organisation invites its members, not a mailing list: a bound on one paste or file. */
export const MAX_INVITATION_ROWS = 1000;

function cells(line: string): string[] {
  const separator = line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
  return line.split(separator).map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/**
 * Reads a pasted list or a CSV file: one person per line, an e-mail address and optionally a name
 * in any order, separated by `;`, `,` or tab (a header line `e-post;namn` is skipped; blank lines
 * too). Every row is checked and every problem reported with its row number; any problem means
 * nobody is invited. The same address twice is one person.
 */
export function parseInvitationList(
  text: string,
): { ok: true; rows: InvitationRow[] } | { ok: false; problems: InvitationProblem[] } {
  const problems: InvitationProblem[] = [];
  const rows: InvitationRow[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const row = index + 1;
    if (line.trim() === '') return;
    const parts = cells(line).filter((cell) => cell !== '');
    if (row === 1 && parts.every((cell) => HEADER.test(cell))) return;
    const emails = parts.filter((cell) => cell.includes('@'));
    const names = parts.filter((cell) => !cell.includes('@'));
    if (emails.length !== 1) {
      problems.push({
        row,
        message: emails.length === 0 ? 'Raden saknar e-postadress.' : 'Raden har fler än en e-postadress.',
      });
      return;
    }
    const email = emails[0]!;
    if (email.length > 254 || !EMAIL.test(email)) {
      problems.push({ row, message: `"${email}" är inte en e-postadress.` });
      return;
    }
    if (names.length > 1) {
      problems.push({ row, message: 'Raden har mer än ett namn; skriv namnet i en kolumn.' });
      return;
    }
    const name = names[0] ?? null;
    if (name !== null && (name.length > 200 || [...name].some((char) => char.charCodeAt(0) < 0x20))) {
      problems.push({ row, message: 'Namnet är längre än 200 tecken eller har otillåtna tecken.' });
      return;
    }
    const key = email.toLowerCase();
    if (seen.has(key)) return;
    seen.set(key, row);
    rows.push({ row, email, name });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 0, message: 'Listan är tom.' });
  if (rows.length > MAX_INVITATION_ROWS)
    problems.push({ row: 0, message: `Listan har fler än ${MAX_INVITATION_ROWS} personer; dela upp den.` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
