import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { AppError } from '@kompetenta/core';
import type { CourseModel } from './source/CourseModel';

/** Small stable numbers for every lesson, question and reflection id of a course. */
export interface TrackingIds {
  readonly lessons: Readonly<Record<string, number>>;
  readonly questions: Readonly<Record<string, number>>;
  readonly reflections: Readonly<Record<string, number>>;
}

const kinds = ['lessons', 'questions', 'reflections'] as const;
const header =
  '# Written by the course builder (kompetenta build). Do not edit by hand and never renumber:\n' +
  "# these numbers are in learners' saved progress. Removed ids keep their number for good.\n";

/** Reads tracking.yaml (empty when it does not exist yet); throws COURSE_TRACKING_INVALID when it is broken. */
export function readTracking(courseDir: string): TrackingIds {
  const path = join(courseDir, 'tracking.yaml');
  const empty: TrackingIds = { lessons: {}, questions: {}, reflections: {} };
  if (!existsSync(path)) return empty;
  const data: unknown = parse(readFileSync(path, 'utf8'));
  const result: Record<string, Record<string, number>> = {};
  for (const kind of kinds) {
    const table: unknown =
      typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[kind] : {};
    const entries: [string, unknown][] =
      typeof table === 'object' && table !== null ? Object.entries(table) : [];
    const numbers = entries.map(([, n]) => n);
    const valid = numbers.every((n): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0);
    if (!valid || new Set(numbers).size !== numbers.length) {
      throw new AppError(
        'COURSE_TRACKING_INVALID',
        `${path}: ${kind} must map each id to a different positive whole number`,
      );
    }
    result[kind] = Object.fromEntries(entries.map(([id, n]) => [id, Number(n)]));
  }
  return {
    lessons: result['lessons'] ?? {},
    questions: result['questions'] ?? {},
    reflections: result['reflections'] ?? {},
  };
}

/** Gives every id of the course a number, keeping existing ones and appending new ones. */
export function assignTracking(
  model: CourseModel,
  existing: TrackingIds,
): { ids: TrackingIds; changed: boolean } {
  const wanted = {
    lessons: model.lessons.map((l) => l.id),
    questions: model.lessons.flatMap((l) => l.texts.sv.questions.map((q) => q.id)),
    reflections: model.lessons.flatMap((l) => l.texts.sv.reflections.map((r) => r.id)),
  };
  let changed = false;
  const ids: Record<string, Record<string, number>> = {};
  for (const kind of kinds) {
    const table = { ...existing[kind] };
    let next = Math.max(0, ...Object.values(table)) + 1;
    for (const id of wanted[kind]) {
      if (table[id] === undefined) {
        table[id] = next++;
        changed = true;
      }
    }
    ids[kind] = table;
  }
  return {
    ids: {
      lessons: ids['lessons'] ?? {},
      questions: ids['questions'] ?? {},
      reflections: ids['reflections'] ?? {},
    },
    changed,
  };
}

/** Writes tracking.yaml back to the course source (through a temporary file, so it is never half written). */
export function writeTracking(courseDir: string, ids: TrackingIds): void {
  const path = join(courseDir, 'tracking.yaml');
  // A temporary name of our own: two app instances starting together may both write the same ids.
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, header + stringify(ids));
  renameSync(temp, path);
}
