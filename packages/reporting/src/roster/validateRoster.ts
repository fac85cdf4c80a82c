import { AppError, type Gender, type ParticipantRole } from '@kompetenta/core';
import type { RawRoster } from './readRoster';
import { ROSTER_COLUMNS, foldKey, rosterColumn, type RosterField } from './rosterColumns';
import {
  parseConsent,
  parseEmail,
  parseGender,
  parseMunicipality,
  parseRole,
  type Parsed,
} from './rosterValues';

/** One person of a valid roster. Null fields were left empty and are not changed on import. */
export interface RosterEntry {
  readonly rowNumber: number;
  readonly name: string;
  readonly email: string;
  readonly role: ParticipantRole | null;
  /** Self-reported; null means not recorded. Only present with consent. */
  readonly gender: Gender | null;
  readonly consent: boolean;
  readonly municipalityCode: string | null;
}

/** One problem, with the row (1 is the header) and the column heading as written in the file. */
export interface RosterProblem {
  readonly row: number;
  readonly column: string | null;
  readonly message: string;
}

/** What {@link validateRoster} found: the entries it read and every problem of the file. */
export interface RosterCheck {
  readonly entries: readonly RosterEntry[];
  /** Every problem of the file; when there is any, nothing may be imported. */
  readonly problems: readonly RosterProblem[];
}

/** Options of {@link validateRoster}. */
export interface RosterOptions {
  /** The organisation the roster is imported into; an `organisation` cell must name it. */
  readonly organisationName?: string;
}

/** Maps each field to its column index, reporting unknown, repeated and missing headings. */
function mapHeader(header: readonly string[], problems: RosterProblem[]): Map<RosterField, number> {
  const columns = new Map<RosterField, number>();
  header.forEach((heading, index) => {
    if (heading === '') return;
    const column = rosterColumn(heading);
    if (!column) {
      const known = ROSTER_COLUMNS.map((c) => c.heading).join(', ');
      problems.push({ row: 1, column: heading, message: `unknown column; the columns are ${known}` });
    } else if (columns.has(column.field)) {
      problems.push({ row: 1, column: heading, message: `repeats the column ${column.heading}` });
    } else {
      columns.set(column.field, index);
    }
  });
  for (const column of ROSTER_COLUMNS) {
    if (column.required && !columns.has(column.field))
      problems.push({ row: 1, column: column.heading, message: 'this column is required' });
  }
  return columns;
}

/**
 * Checks every row of a roster and collects every problem — bad e-mail, role, gender, consent or
 * kommun, a gender without consent, an e-mail twice, a row of another organisation — each with
 * its row number and column. Pure: nothing is read or written.
 */
export function validateRoster(roster: RawRoster, options: RosterOptions = {}): RosterCheck {
  const problems: RosterProblem[] = [];
  const columns = mapHeader(roster.header, problems);
  if (problems.some((problem) => problem.row === 1)) return { entries: [], problems };
  const headingOf = (field: RosterField) => roster.header[columns.get(field)!]!;
  const entries: RosterEntry[] = [];
  const firstRowOfEmail = new Map<string, number>();

  for (const { rowNumber, cells } of roster.rows) {
    const cell = (field: RosterField) => {
      const index = columns.get(field);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    let rowOk = true;
    const take = <T>(field: RosterField, parsed: Parsed<T>): T | undefined => {
      if (parsed.ok) return parsed.value;
      problems.push({ row: rowNumber, column: headingOf(field), message: parsed.problem });
      rowOk = false;
      return undefined;
    };
    const report = (field: RosterField, message: string) => {
      problems.push({ row: rowNumber, column: headingOf(field), message });
      rowOk = false;
    };

    const name = cell('name');
    if (name === '') report('name', 'is empty; every row needs a name');
    const email = take('email', parseEmail(cell('email')));
    const role = take('role', parseRole(cell('role')));
    const gender = take('gender', parseGender(cell('gender')));
    const consent = take('consent', parseConsent(cell('consent')));
    const municipalityCode = take('municipality', parseMunicipality(cell('municipality')));
    // Gender is personal data kept for statistics only with the person's consent (domain.md §2).
    if (gender && consent === false) report('gender', 'is given without consent (samtycke: ja)');
    const organisation = cell('organisation');
    if (organisation !== '' && options.organisationName !== undefined) {
      if (foldKey(organisation) !== foldKey(options.organisationName))
        report(
          'organisation',
          `"${organisation}" is not ${options.organisationName}, the organisation imported into`,
        );
    }
    if (email !== undefined) {
      const key = email.toLowerCase();
      const first = firstRowOfEmail.get(key);
      if (first !== undefined) report('email', `${email} is already on row ${first}`);
      else firstRowOfEmail.set(key, rowNumber);
    }
    if (
      rowOk &&
      email !== undefined &&
      role !== undefined &&
      gender !== undefined &&
      consent !== undefined &&
      municipalityCode !== undefined
    ) {
      entries.push({ rowNumber, name, email, role, gender, consent, municipalityCode });
    }
  }
  if (roster.rows.length === 0) problems.push({ row: 2, column: null, message: 'the roster has no people' });
  return { entries: problems.length ? [] : entries, problems };
}

/** A problem as one line: `row 3, e-post: "anna@" is not an e-mail address`. */
export function describeRosterProblem(problem: RosterProblem): string {
  return `row ${problem.row}${problem.column === null ? '' : `, ${problem.column}`}: ${problem.message}`;
}

/**
 * The entries of a valid roster; throws EVENT_ROSTER_INVALID with a count in the message and
 * every problem in `details.problems` (print them with describeRosterProblem).
 */
export function requireValidRoster(check: RosterCheck): readonly RosterEntry[] {
  if (check.problems.length === 0) return check.entries;
  const rows = new Set(check.problems.map((problem) => problem.row)).size;
  throw new AppError(
    'EVENT_ROSTER_INVALID',
    `The roster has ${check.problems.length} problem(s) in ${rows} row(s); nothing was imported.`,
    { problems: check.problems.map((p) => ({ row: p.row, column: p.column, message: p.message })) },
  );
}
