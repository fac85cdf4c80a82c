import { completionStatus2004, exit2004, successStatus2004 } from '../scorm2004';
import { container, learner, lms, reported, response, type ElementTable } from './ElementRule';
import {
  characterString,
  decimal,
  languageCode,
  localizedString,
  longIdentifier,
  timeInterval,
  timestamp,
  vocabulary,
  vocabularyOrDecimal,
} from './valueTypes';

/** SCORM 2004 interaction types (RTE 4.2.9.3). */
export const interactionTypes2004 = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;

const real = decimal();
const scaled = decimal(-1, 1);
const longId = longIdentifier;

/**
 * The SCORM 2004 4th Edition data model as scorm-again 3 commits it flattened
 * (`dataCommitFormat: 'flattened'`), by element pattern. Elements not listed are rejected.
 */
export const elements2004: ElementTable = {
  rules: {
    'cmi.completion_status': learner(vocabulary(completionStatus2004)),
    'cmi.success_status': learner(vocabulary(successStatus2004)),
    'cmi.exit': learner(vocabulary(exit2004)),
    'cmi.location': learner(characterString(1000)),
    'cmi.suspend_data': learner(characterString(64000)),
    'cmi.session_time': learner(timeInterval),
    'cmi.total_time': reported(timeInterval),
    'cmi.progress_measure': learner(decimal(0, 1)),
    'cmi.score.scaled': learner(scaled),
    'cmi.score.raw': learner(real),
    'cmi.score.min': learner(real),
    'cmi.score.max': learner(real),
    'cmi.learner_preference.audio_level': learner(decimal(0)),
    'cmi.learner_preference.language': learner(languageCode),
    'cmi.learner_preference.delivery_speed': learner(decimal(0)),
    'cmi.learner_preference.audio_captioning': learner(vocabulary(['-1', '0', '1'])),
    'cmi.comments_from_learner': container,
    'cmi.comments_from_learner.n.comment': learner(localizedString(4000)),
    'cmi.comments_from_learner.n.location': learner(characterString(250)),
    'cmi.comments_from_learner.n.timestamp': learner(timestamp),
    'cmi.objectives': container,
    'cmi.objectives.n.id': learner(longId),
    'cmi.objectives.n.success_status': learner(vocabulary(successStatus2004)),
    'cmi.objectives.n.completion_status': learner(vocabulary(completionStatus2004)),
    'cmi.objectives.n.progress_measure': learner(decimal(0, 1)),
    'cmi.objectives.n.description': learner(localizedString(250)),
    'cmi.objectives.n.score.scaled': learner(scaled),
    'cmi.objectives.n.score.raw': learner(real),
    'cmi.objectives.n.score.min': learner(real),
    'cmi.objectives.n.score.max': learner(real),
    'cmi.interactions': container,
    'cmi.interactions.n.id': learner(longId),
    'cmi.interactions.n.type': learner(vocabulary(interactionTypes2004)),
    'cmi.interactions.n.timestamp': learner(timestamp),
    'cmi.interactions.n.weighting': learner(real),
    'cmi.interactions.n.learner_response': response,
    'cmi.interactions.n.result': learner(
      vocabularyOrDecimal(['correct', 'incorrect', 'unanticipated', 'neutral']),
    ),
    'cmi.interactions.n.latency': learner(timeInterval),
    'cmi.interactions.n.description': learner(localizedString(250)),
    'cmi.interactions.n.objectives': container,
    'cmi.interactions.n.objectives.n.id': learner(longId),
    'cmi.interactions.n.correct_responses': container,
    'cmi.interactions.n.correct_responses.n.pattern': response,
    // Owned by the LMS: the server sets them at launch, whatever the commit says.
    'cmi._version': lms,
    'cmi.learner_id': lms,
    'cmi.learner_name': lms,
    'cmi.credit': lms,
    'cmi.entry': lms,
    'cmi.mode': lms,
    'cmi.launch_data': lms,
    'cmi.max_time_allowed': lms,
    'cmi.time_limit_action': lms,
    'cmi.completion_threshold': lms,
    'cmi.scaled_passing_score': lms,
    'cmi.comments_from_lms': lms,
    'cmi.comments_from_lms.n.comment': lms,
    'cmi.comments_from_lms.n.location': lms,
    'cmi.comments_from_lms.n.timestamp': lms,
    'cmi.comments_from_lms._count': lms,
    'cmi.comments_from_learner._count': lms,
    'cmi.objectives._count': lms,
    'cmi.interactions._count': lms,
    'cmi.interactions.n.objectives._count': lms,
    'cmi.interactions.n.correct_responses._count': lms,
  },
  arrayLimits: {
    'cmi.comments_from_learner': 250,
    'cmi.comments_from_lms': 250,
    'cmi.objectives': 100,
    'cmi.interactions': 250,
    'cmi.interactions.n.objectives': 10,
    'cmi.interactions.n.correct_responses': 36,
  },
};
