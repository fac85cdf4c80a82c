/**
 * SCORM 2004 4th Edition run-time data model: element names and vocabularies, named once here
 * (SCORM 2004 4th Ed. RTE, section 4.2).
 */
export const cmi2004 = {
  /** Window property an LMS exposes for SCORM 2004 content. */
  apiName: 'API_1484_11',
  completionStatus: 'cmi.completion_status',
  successStatus: 'cmi.success_status',
  location: 'cmi.location',
  entry: 'cmi.entry',
  exit: 'cmi.exit',
  sessionTime: 'cmi.session_time',
  scoreRaw: 'cmi.score.raw',
  scoreMin: 'cmi.score.min',
  scoreMax: 'cmi.score.max',
  scoreScaled: 'cmi.score.scaled',
  progressMeasure: 'cmi.progress_measure',
  suspendData: 'cmi.suspend_data',
  learnerName: 'cmi.learner_name',
  scaledPassingScore: 'cmi.scaled_passing_score',
  objectivesCount: 'cmi.objectives._count',
  interactionsCount: 'cmi.interactions._count',
  /** Element names of the objective at index `n` (0-based). */
  objective: (n: number) => ({
    id: `cmi.objectives.${n}.id`,
    completionStatus: `cmi.objectives.${n}.completion_status`,
    successStatus: `cmi.objectives.${n}.success_status`,
    scoreRaw: `cmi.objectives.${n}.score.raw`,
    scoreMin: `cmi.objectives.${n}.score.min`,
    scoreMax: `cmi.objectives.${n}.score.max`,
    scoreScaled: `cmi.objectives.${n}.score.scaled`,
  }),
  /**
   * Element names of the interaction at index `n` (0-based); only its first objective and correct response.
   */
  interaction: (n: number) => ({
    id: `cmi.interactions.${n}.id`,
    type: `cmi.interactions.${n}.type`,
    timestamp: `cmi.interactions.${n}.timestamp`,
    weighting: `cmi.interactions.${n}.weighting`,
    description: `cmi.interactions.${n}.description`,
    learnerResponse: `cmi.interactions.${n}.learner_response`,
    correctResponse: `cmi.interactions.${n}.correct_responses.0.pattern`,
    result: `cmi.interactions.${n}.result`,
    objectiveId: `cmi.interactions.${n}.objectives.0.id`,
  }),
} as const;

/** Values of cmi.completion_status. */
export const completionStatus2004 = ['completed', 'incomplete', 'not attempted', 'unknown'] as const;
/** A value of `cmi.completion_status` (SCORM 2004), one of {@link completionStatus2004}. */
export type CompletionStatus2004 = (typeof completionStatus2004)[number];
/** Values of cmi.success_status. */
export const successStatus2004 = ['passed', 'failed', 'unknown'] as const;
/** A value of `cmi.success_status` (SCORM 2004), one of {@link successStatus2004}. */
export type SuccessStatus2004 = (typeof successStatus2004)[number];
/** Values of cmi.exit a SCO may write (`''`: no exit set). */
export const exit2004 = ['time-out', 'suspend', 'logout', 'normal', ''] as const;

/** Values of cmi.interactions.n.result. */
export const result2004 = { correct: 'correct', incorrect: 'incorrect', neutral: 'neutral' } as const;

/** Largest cmi.suspend_data an LMS must keep in SCORM 2004 4th Edition. */
export const suspendDataLimit2004 = 64000;

/** The `<schemaversion>` of a SCORM 2004 4th Edition manifest. */
export const schemaVersion2004 = '2004 4th Edition';

/** Error codes of the SCORM 2004 API (GetLastError), as a table. */
export const errorCodes2004: Readonly<Record<string, string>> = {
  '0': 'No error',
  '101': 'General exception',
  '102': 'General initialization failure',
  '103': 'Already initialized',
  '104': 'Content instance terminated',
  '111': 'General termination failure',
  '112': 'Termination before initialization',
  '113': 'Termination after termination',
  '122': 'Retrieve data before initialization',
  '123': 'Retrieve data after termination',
  '132': 'Store data before initialization',
  '133': 'Store data after termination',
  '142': 'Commit before initialization',
  '143': 'Commit after termination',
  '201': 'General argument error',
  '301': 'General get failure',
  '351': 'General set failure',
  '391': 'General commit failure',
  '401': 'Undefined data model element',
  '402': 'Unimplemented data model element',
  '403': 'Data model element value not initialized',
  '404': 'Data model element is read only',
  '405': 'Data model element is write only',
  '406': 'Data model element type mismatch',
  '407': 'Data model element value out of range',
  '408': 'Data model dependency not established',
};
