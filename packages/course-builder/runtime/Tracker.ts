import {
  cmi12,
  cmi2004,
  formatResponse,
  interactionTypes,
  result12,
  result2004,
  sessionTime12,
  sessionTime2004,
  suspendDataLimit12,
  suspendDataLimit2004,
  timeOfDay12,
  timestamp2004,
  type InteractionResponse,
} from '@kompetenta/scorm-runtime';
import type { RuntimeCourse, RuntimeQuestion } from '../src/runtimeData';
import type { Lms } from './Lms';
import {
  fromSuspendData,
  isCorrect,
  newProgress,
  outcome,
  toSuspendData,
  type Answer,
  type Progress,
} from './progress';

/**
 * Writes the attempt into the SCORM data model: objectives per lesson, an interaction per question,
 * score, completion and success, location and suspend data. One class for both versions; the
 * element names come from @kompetenta/scorm-runtime.
 */
export class Tracker {
  readonly #lms: Lms;
  readonly #course: RuntimeCourse;
  readonly #v12: boolean;
  readonly #started = Date.now();
  readonly #objectiveIndex = new Map<string, number>();
  #finished = false;
  #tracking = false;

  constructor(lms: Lms, course: RuntimeCourse) {
    this.#lms = lms;
    this.#course = course;
    this.#v12 = course.scormVersion === 'scorm12';
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** True when an LMS accepted Initialize, i.e. progress is being saved. */
  get tracking(): boolean {
    return this.#tracking;
  }

  #id(kind: 'lesson' | 'question', n: number): string {
    return `urn:kompetenta:${this.#course.slug}:${kind}:${n}`;
  }

  /** Initializes the session and returns the saved progress (resume) or a fresh one. */
  start(): Progress {
    this.#tracking = this.#lms.initialize();
    if (!this.#tracking) return newProgress(this.#course);
    const entry = this.#lms.get(this.#v12 ? cmi12.entry : cmi2004.entry);
    const saved =
      entry === 'resume' ? this.#lms.get(this.#v12 ? cmi12.suspendData : cmi2004.suspendData) : '';
    const progress = saved ? fromSuspendData(this.#course, saved) : newProgress(this.#course);
    // Objectives are appended in order; on resume the existing ones are found by id.
    const count = Number(this.#lms.get(this.#v12 ? cmi12.objectivesCount : cmi2004.objectivesCount)) || 0;
    const known = new Map<string, number>();
    for (let n = 0; n < count; n++)
      known.set(this.#lms.get((this.#v12 ? cmi12 : cmi2004).objective(n).id), n);
    let next = count;
    for (const lesson of this.#course.lessons) {
      const id = this.#id('lesson', lesson.n);
      const existing = known.get(id);
      const index = existing ?? next++;
      this.#objectiveIndex.set(lesson.id, index);
      if (existing === undefined) this.#lms.set((this.#v12 ? cmi12 : cmi2004).objective(index).id, id);
    }
    return progress;
  }

  /** Records a checked answer as the question's interaction. */
  recordAnswer(progress: Progress, question: RuntimeQuestion, answer: Answer): void {
    let index = progress.interactionIndex.get(question.id);
    const isNew = index === undefined;
    if (index === undefined) {
      index = Number(this.#lms.get(this.#v12 ? cmi12.interactionsCount : cmi2004.interactionsCount)) || 0;
      progress.interactionIndex.set(question.id, index);
    }
    const version = this.#course.scormVersion;
    const ids = question.answerIds;
    const learner = formatResponse(version, toResponse(question, answer), ids);
    const correct = formatResponse(version, correctResponse(question), ids);
    const right = isCorrect(question, answer);
    const lesson = this.#course.lessons.find((l) => l.id === question.lesson);
    const objective = this.#id('lesson', lesson?.n ?? 0);
    const now = new Date();
    if (this.#v12) {
      const el = cmi12.interaction(index);
      if (isNew) {
        // id, type and objective never change; a re-check updates only the answer fields.
        this.#lms.set(el.id, this.#id('question', question.n));
        this.#lms.set(el.type, interactionTypes[question.type]);
        this.#lms.set(el.objectiveId, objective);
      }
      this.#lms.set(el.time, timeOfDay12(now));
      this.#lms.set(el.weighting, '1');
      this.#lms.set(el.correctResponse, correct);
      this.#lms.set(el.learnerResponse, learner);
      this.#lms.set(el.result, right ? result12.correct : result12.incorrect);
    } else {
      const el = cmi2004.interaction(index);
      if (isNew) {
        // id, type and objective never change; a re-check updates only the answer fields.
        this.#lms.set(el.id, this.#id('question', question.n));
        this.#lms.set(el.type, interactionTypes[question.type]);
        this.#lms.set(el.objectiveId, objective);
      }
      this.#lms.set(el.timestamp, timestamp2004(now));
      this.#lms.set(el.weighting, '1');
      this.#lms.set(el.description, question.prompt);
      this.#lms.set(el.correctResponse, correct);
      this.#lms.set(el.learnerResponse, learner);
      this.#lms.set(el.result, right ? result2004.correct : result2004.incorrect);
    }
  }

  /** Writes location, suspend data, objectives, score and status, then commits. */
  save(progress: Progress): void {
    if (this.#finished) return;
    const course = this.#course;
    const whole = outcome(course, progress);
    for (const lesson of course.lessons) this.#saveObjective(progress, lesson.id);
    const hasQuestions = course.questions.length > 0;
    if (this.#v12) {
      this.#lms.set(cmi12.lessonLocation, progress.current);
      this.#lms.set(cmi12.suspendData, toSuspendData(course, progress, suspendDataLimit12));
      if (hasQuestions) this.#score12(cmi12.scoreRaw, cmi12.scoreMin, cmi12.scoreMax, whole.percent);
      // 1.2 has one status field: LMSs read passed/failed as finished, so use them only when all is done.
      const status =
        whole.completed && whole.passed !== undefined
          ? whole.passed
            ? 'passed'
            : 'failed'
          : whole.completed && !hasQuestions
            ? 'completed'
            : 'incomplete';
      this.#lms.set(cmi12.lessonStatus, status);
    } else {
      this.#lms.set(cmi2004.location, progress.current);
      this.#lms.set(cmi2004.suspendData, toSuspendData(course, progress, suspendDataLimit2004));
      this.#lms.set(cmi2004.completionStatus, whole.completed ? 'completed' : 'incomplete');
      this.#lms.set(
        cmi2004.progressMeasure,
        String(Math.round((100 * progress.visited.size) / Math.max(1, course.lessons.length)) / 100),
      );
      if (hasQuestions) {
        this.#score12(cmi2004.scoreRaw, cmi2004.scoreMin, cmi2004.scoreMax, whole.percent);
        this.#lms.set(cmi2004.scoreScaled, String(whole.percent / 100));
      }
      this.#lms.set(
        cmi2004.successStatus,
        whole.passed === undefined ? 'unknown' : whole.passed ? 'passed' : 'failed',
      );
    }
    this.#lms.commit();
  }

  #score12(raw: string, min: string, max: string, percent: number): void {
    this.#lms.set(min, '0');
    this.#lms.set(max, '100');
    this.#lms.set(raw, String(percent));
  }

  #saveObjective(progress: Progress, lessonId: string): void {
    const index = this.#objectiveIndex.get(lessonId);
    if (index === undefined) return;
    const result = outcome(this.#course, progress, lessonId);
    const graded = result.passed !== undefined && this.#course.questions.some((q) => q.lesson === lessonId);
    if (this.#v12) {
      const el = cmi12.objective(index);
      if (graded) this.#score12(el.scoreRaw, el.scoreMin, el.scoreMax, result.percent);
      const status = !result.completed
        ? 'not attempted'
        : graded
          ? result.passed
            ? 'passed'
            : 'failed'
          : 'completed';
      this.#lms.set(el.status, status);
    } else {
      const el = cmi2004.objective(index);
      if (graded) {
        this.#score12(el.scoreRaw, el.scoreMin, el.scoreMax, result.percent);
        this.#lms.set(el.scoreScaled, String(result.percent / 100));
      }
      this.#lms.set(el.completionStatus, result.completed ? 'completed' : 'not attempted');
      this.#lms.set(el.successStatus, !graded ? 'unknown' : result.passed ? 'passed' : 'failed');
    }
  }

  /** Ends the session: exit mode, session time, a last save, then Terminate/LMSFinish. Runs once. */
  finish(progress: Progress): void {
    if (this.#finished) return;
    this.save(progress);
    const done = outcome(this.#course, progress);
    const over = done.completed && (done.passed !== undefined || this.#course.questions.length === 0);
    const ms = Date.now() - this.#started;
    if (this.#v12) {
      this.#lms.set(cmi12.exit, over ? '' : 'suspend');
      this.#lms.set(cmi12.sessionTime, sessionTime12(ms));
    } else {
      this.#lms.set(cmi2004.exit, over ? 'normal' : 'suspend');
      this.#lms.set(cmi2004.sessionTime, sessionTime2004(ms));
    }
    this.#lms.commit();
    this.#finished = true;
    this.#lms.terminate();
  }
}

function toResponse(question: RuntimeQuestion, answer: Answer): InteractionResponse {
  switch (question.type) {
    case 'truefalse':
      return { type: 'true-false', value: answer === true };
    case 'single':
    case 'multiple':
      return { type: 'choice', ids: Array.isArray(answer) ? answer : [] };
    case 'ordering':
      return { type: 'sequencing', ids: Array.isArray(answer) ? answer : [] };
    case 'matching': {
      const pairs =
        typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, string>) : {};
      return {
        type: 'matching',
        pairs: question.answerIds.filter((id) => pairs[id]).map((id) => [id, pairs[id] ?? ''] as const),
      };
    }
  }
}

function correctResponse(question: RuntimeQuestion): InteractionResponse {
  switch (question.type) {
    case 'truefalse':
      return { type: 'true-false', value: question.answer };
    case 'single':
    case 'multiple':
      return { type: 'choice', ids: question.correctIds };
    case 'ordering':
      return { type: 'sequencing', ids: question.answerIds };
    case 'matching':
      return { type: 'matching', pairs: question.answerIds.map((id) => [id, id] as const) };
  }
}
