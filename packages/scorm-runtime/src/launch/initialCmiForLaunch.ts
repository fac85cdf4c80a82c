import type { CmiData } from '@kompetenta/core';
import { isScorm12, type CmiVersion } from '../versions';
import { secondsToIsoDuration, secondsToTimespan12 } from '../status/durations';
import { isLmsOwnedElement } from '../commit/elementTable';

/** The learner as the content may see them (SCORM learner_id / learner_name). */
export interface LaunchLearner {
  readonly id: string;
  readonly name: string;
}

/**
 * The flattened CMI the player loads into scorm-again (`loadFromFlattenedJSON`) before the SCO
 * starts: the learner's stored data (blank values and LMS-owned elements left out) plus the values
 * the LMS owns — learner id and name, `entry` (`resume` when the last session exited with
 * `suspend`, `ab-initio` otherwise, as SCORM prescribes), credit, mode and total time.
 */
export function initialCmiForLaunch(
  version: CmiVersion,
  storedCmi: CmiData,
  learner: LaunchLearner,
  attempt: { readonly totalTimeSeconds: number },
): CmiData {
  const v12 = isScorm12(version);
  const cmi: CmiData = {};
  for (const [element, value] of Object.entries(storedCmi)) {
    if (value === '' || (typeof value !== 'string' && typeof value !== 'number')) continue;
    if (isLmsOwnedElement(version, element)) continue;
    // Exit and session time describe the session that ended; a new session starts without them.
    if (element === (v12 ? 'cmi.core.exit' : 'cmi.exit')) continue;
    if (element === (v12 ? 'cmi.core.session_time' : 'cmi.session_time')) continue;
    // scorm-again checks loaded values as the strings a SCO would set.
    cmi[element] = String(value);
  }
  const suspended = storedCmi[v12 ? 'cmi.core.exit' : 'cmi.exit'] === 'suspend';
  // SCORM 1.2 has a third value: "" for a later session that does not resume (RTE 3.4.4).
  const firstSession = Object.keys(storedCmi).length === 0;
  const entry = suspended ? 'resume' : v12 && !firstSession ? '' : 'ab-initio';
  if (v12) {
    cmi['cmi.core.student_id'] = learner.id;
    cmi['cmi.core.student_name'] = learner.name;
    cmi['cmi.core.entry'] = entry;
    cmi['cmi.core.credit'] = 'credit';
    cmi['cmi.core.lesson_mode'] = 'normal';
    cmi['cmi.core.total_time'] = secondsToTimespan12(attempt.totalTimeSeconds);
  } else {
    cmi['cmi.learner_id'] = learner.id;
    cmi['cmi.learner_name'] = learner.name;
    cmi['cmi.entry'] = entry;
    cmi['cmi.credit'] = 'credit';
    cmi['cmi.mode'] = 'normal';
    cmi['cmi.total_time'] = secondsToIsoDuration(attempt.totalTimeSeconds);
  }
  return cmi;
}
