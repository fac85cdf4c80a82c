import type { PlayerScormVersion } from './config';

/** What the frame shows about the learner's progress. */
export interface PlayerProgress {
  readonly lessonsDone: number;
  readonly lessonsTotal: number;
  readonly completion: 'completed' | 'incomplete' | 'unknown';
  readonly success: 'passed' | 'failed' | 'unknown';
}

const objective2004 = /^cmi\.objectives\.(\d+)\.completion_status$/;
const objective12 = /^cmi\.objectives\.(\d+)\.status$/;
const done12 = new Set(['completed', 'passed', 'failed']);

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * Progress from a flattened CMI (the same shape the player commits and the server loads): lessons
 * done from the objectives the course keeps per lesson, else from 2004's progress_measure, and the
 * whole course's completion and success. `lessonCount` is the course's lesson list (0 when unknown:
 * then the objectives are the lessons). Pure, so the server renders the same numbers before the
 * script runs.
 */
export function progressFromCmi(
  version: PlayerScormVersion,
  cmi: Readonly<Record<string, unknown>>,
  lessonCount: number,
): PlayerProgress {
  const pattern = version === '1.2' ? objective12 : objective2004;
  let objectives = 0;
  let done = 0;
  for (const [element, value] of Object.entries(cmi)) {
    if (!pattern.test(element)) continue;
    objectives++;
    const status = str(value);
    if (version === '1.2' ? done12.has(status) : status === 'completed') done++;
  }
  const total = lessonCount > 0 ? lessonCount : objectives;
  let completion: PlayerProgress['completion'];
  let success: PlayerProgress['success'];
  if (version === '1.2') {
    const status = str(cmi['cmi.core.lesson_status']);
    completion = done12.has(status) ? 'completed' : status === 'incomplete' ? 'incomplete' : 'unknown';
    success = status === 'passed' || status === 'failed' ? status : 'unknown';
  } else {
    const status = str(cmi['cmi.completion_status']);
    completion = status === 'completed' || status === 'incomplete' ? status : 'unknown';
    const result = str(cmi['cmi.success_status']);
    success = result === 'passed' || result === 'failed' ? result : 'unknown';
    const measure = Number(str(cmi['cmi.progress_measure']));
    if (objectives === 0 && str(cmi['cmi.progress_measure']) !== '' && measure >= 0 && measure <= 1)
      done = Math.floor(measure * total + 1e-9);
  }
  if (completion === 'completed') done = total;
  return { lessonsDone: Math.min(done, total), lessonsTotal: total, completion, success };
}
