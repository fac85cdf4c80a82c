/**
 * SCORM 1.2 run-time data model: the CMI element names and vocabularies the content and the
 * server use, named once here (SCORM 1.2 RTE, section 3.4).
 */
export const cmi12 = {
  /** Window property an LMS exposes for SCORM 1.2 content. */
  apiName: 'API',
  lessonStatus: 'cmi.core.lesson_status',
  lessonLocation: 'cmi.core.lesson_location',
  entry: 'cmi.core.entry',
  exit: 'cmi.core.exit',
  sessionTime: 'cmi.core.session_time',
  scoreRaw: 'cmi.core.score.raw',
  scoreMin: 'cmi.core.score.min',
  scoreMax: 'cmi.core.score.max',
  suspendData: 'cmi.suspend_data',
  studentName: 'cmi.core.student_name',
  objectivesCount: 'cmi.objectives._count',
  interactionsCount: 'cmi.interactions._count',
  /** Element names of the objective at index `n` (0-based). */
  objective: (n: number) => ({
    id: `cmi.objectives.${n}.id`,
    status: `cmi.objectives.${n}.status`,
    scoreRaw: `cmi.objectives.${n}.score.raw`,
    scoreMin: `cmi.objectives.${n}.score.min`,
    scoreMax: `cmi.objectives.${n}.score.max`,
  }),
  /**
   * Element names of the interaction at index `n` (0-based); only its first objective and correct response.
   */
  interaction: (n: number) => ({
    id: `cmi.interactions.${n}.id`,
    type: `cmi.interactions.${n}.type`,
    time: `cmi.interactions.${n}.time`,
    weighting: `cmi.interactions.${n}.weighting`,
    learnerResponse: `cmi.interactions.${n}.student_response`,
    correctResponse: `cmi.interactions.${n}.correct_responses.0.pattern`,
    result: `cmi.interactions.${n}.result`,
    objectiveId: `cmi.interactions.${n}.objectives.0.id`,
  }),
} as const;

/** Values of cmi.core.lesson_status. */
export const lessonStatus12 = [
  'passed',
  'completed',
  'failed',
  'incomplete',
  'browsed',
  'not attempted',
] as const;
/** A value of `cmi.core.lesson_status` (SCORM 1.2), one of {@link lessonStatus12}. */
export type LessonStatus12 = (typeof lessonStatus12)[number];

/** Values of cmi.core.exit a SCO may write. */
export const exit12 = ['time-out', 'suspend', 'logout', ''] as const;

/** Values of cmi.interactions.n.result. */
export const result12 = { correct: 'correct', incorrect: 'wrong', neutral: 'neutral' } as const;

/** Largest cmi.suspend_data a SCORM 1.2 LMS must keep (CMIString4096). */
export const suspendDataLimit12 = 4096;

/** Error codes of the SCORM 1.2 API (LMSGetLastError), as a table. */
export const errorCodes12: Readonly<Record<string, string>> = {
  '0': 'No error',
  '101': 'General exception',
  '201': 'Invalid argument error',
  '202': 'Element cannot have children',
  '203': 'Element not an array - cannot have count',
  '301': 'Not initialized',
  '401': 'Not implemented error',
  '402': 'Invalid set value, element is a keyword',
  '403': 'Element is read only',
  '404': 'Element is write only',
  '405': 'Incorrect data type',
};
