/**
 * Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a formula
 * (CSV injection, OWASP). Such a text cell gets a leading apostrophe so it is shown, never run.
 * Numbers are left alone: a negative number is data, not a formula.
 */
export function safeCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
