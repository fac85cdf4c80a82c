import { exit12, lessonStatus12 } from '../scorm12';
import { container, learner, lms, reported, response, type ElementTable } from './ElementRule';
import {
  characterString,
  decimal12,
  identifier12,
  integer,
  timeOfDay12,
  timespan12,
  vocabulary,
  vocabularyOrDecimal,
} from './valueTypes';

/** SCORM 1.2 scores are CMIDecimal normalised to 0..100 (RTE 3.4.2.2). */
const score = decimal12(0, 100);
const id = identifier12;

/** SCORM 1.2 interaction types (RTE 3.4.2.6.3). */
export const interactionTypes12 = [
  'true-false',
  'choice',
  'fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
] as const;

/**
 * The SCORM 1.2 data model as scorm-again 3 commits it flattened (`dataCommitFormat: 'flattened'`),
 * by element pattern. Elements not listed are rejected.
 */
export const elements12: ElementTable = {
  rules: {
    'cmi.core.lesson_location': learner(characterString(255)),
    // "not attempted" is the initial value scorm-again echoes before the SCO sets one.
    'cmi.core.lesson_status': learner(vocabulary(lessonStatus12)),
    'cmi.core.exit': learner(vocabulary(exit12)),
    'cmi.core.session_time': learner(timespan12),
    'cmi.core.score.raw': learner(score),
    'cmi.core.score.min': learner(score),
    'cmi.core.score.max': learner(score),
    'cmi.core.total_time': reported(timespan12),
    'cmi.suspend_data': learner(characterString(4096)),
    'cmi.comments': learner(characterString(4096)),
    'cmi.student_preference.audio': learner(integer(-1, 100)),
    'cmi.student_preference.language': learner(characterString(255)),
    'cmi.student_preference.speed': learner(integer(-100, 100)),
    'cmi.student_preference.text': learner(integer(-1, 1)),
    'cmi.objectives': container,
    'cmi.objectives.n.id': learner(id),
    'cmi.objectives.n.status': learner(vocabulary(lessonStatus12)),
    'cmi.objectives.n.score.raw': learner(score),
    'cmi.objectives.n.score.min': learner(score),
    'cmi.objectives.n.score.max': learner(score),
    'cmi.interactions': container,
    'cmi.interactions.n.id': learner(id),
    'cmi.interactions.n.time': learner(timeOfDay12),
    'cmi.interactions.n.type': learner(vocabulary(interactionTypes12)),
    'cmi.interactions.n.weighting': learner(decimal12()),
    'cmi.interactions.n.student_response': response,
    'cmi.interactions.n.result': learner(
      vocabularyOrDecimal(['correct', 'wrong', 'unanticipated', 'neutral']),
    ),
    'cmi.interactions.n.latency': learner(timespan12),
    'cmi.interactions.n.objectives': container,
    'cmi.interactions.n.objectives.n.id': learner(id),
    'cmi.interactions.n.correct_responses': container,
    'cmi.interactions.n.correct_responses.n.pattern': response,
    // Owned by the LMS: the server sets them at launch, whatever the commit says.
    'cmi.core.student_id': lms,
    'cmi.core.student_name': lms,
    'cmi.core.credit': lms,
    'cmi.core.entry': lms,
    'cmi.core.lesson_mode': lms,
    'cmi.launch_data': lms,
    'cmi.comments_from_lms': lms,
    'cmi.student_data.mastery_score': lms,
    'cmi.student_data.max_time_allowed': lms,
    'cmi.student_data.time_limit_action': lms,
    'cmi._version': lms,
    'cmi._children': lms,
    'cmi.core._children': lms,
    'cmi.core.score._children': lms,
    'cmi.objectives._children': lms,
    'cmi.objectives._count': lms,
    'cmi.objectives.n.score._children': lms,
    'cmi.student_data._children': lms,
    'cmi.student_preference._children': lms,
    'cmi.interactions._children': lms,
    'cmi.interactions._count': lms,
    'cmi.interactions.n.objectives._count': lms,
    'cmi.interactions.n.correct_responses._count': lms,
  },
  arrayLimits: {
    'cmi.objectives': 100,
    'cmi.interactions': 250,
    'cmi.interactions.n.objectives': 10,
    'cmi.interactions.n.correct_responses': 36,
  },
};
