/**
 * The player page's configuration, as lti-server embeds it in
 * `<script type="application/json" id="kompetenta-player-config">` (the player contract).
 * Pure: no DOM, so the server's tests can check that what it writes is what the player reads.
 */

/** The language of the player's own texts (the frame around the course): Swedish or English. */
export type PlayerLang = 'sv' | 'en';
/** The SCORM API the player offers the course: SCORM 1.2 (`API`) or 2004 (`API_1484_11`). */
export type PlayerScormVersion = '1.2' | '2004';

/** A flattened CMI value: what scorm-again's loadFromFlattenedJSON accepts. */
export type FlatCmiValue = string | number;
/** A CMI data model flattened to element names and values, e.g. `{ 'cmi.location': 'page-3' }`. */
export type FlatCmi = Readonly<Record<string, FlatCmiValue>>;

/** A lesson of the course as the frame lists it: its tracking id, title and estimated length in minutes. */
export interface PlayerLesson {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
}

/** What the player reads from the page. */
export interface PlayerConfig {
  readonly lang: PlayerLang;
  readonly scormVersion: PlayerScormVersion;
  readonly attemptId: string;
  /** Same-origin URL of the SCO's launch file. */
  readonly contentUrl: string;
  /** The commit API for this attempt, token included. */
  readonly commitUrl: string;
  /** Flattened CMI loaded before the SCO starts (resume). */
  readonly initialCmi: FlatCmi;
  /** The first commit sequence number of this page session. */
  readonly nextSeq: number;
  readonly course: { readonly title: string; readonly lessons: readonly PlayerLesson[] };
  /** Where "Avsluta" goes when done; null shows "you can close the window" instead. */
  readonly exitUrl: string | null;
}

/** A configuration problem: where and what. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** What {@link parsePlayerConfig} returns: the configuration, or every problem found in it. */
export type ConfigResult =
  | { readonly ok: true; readonly config: PlayerConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(source: Record<string, unknown>, key: string, problems: ConfigProblem[], at = ''): string {
  const value = source[key];
  if (typeof value === 'string' && value !== '') return value;
  problems.push({ path: `${at}${key}`, message: 'must be a non-empty string' });
  return '';
}

function flatCmi(value: unknown, problems: ConfigProblem[]): FlatCmi {
  if (!isRecord(value)) {
    problems.push({ path: 'initialCmi', message: 'must be an object of CMI element → value' });
    return {};
  }
  const out: Record<string, FlatCmiValue> = {};
  for (const [element, item] of Object.entries(value)) {
    if (typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item))) out[element] = item;
    else problems.push({ path: `initialCmi["${element}"]`, message: 'must be a string or a finite number' });
  }
  return out;
}

function lessons(value: unknown, problems: ConfigProblem[]): PlayerLesson[] {
  if (!Array.isArray(value)) {
    problems.push({ path: 'course.lessons', message: 'must be an array' });
    return [];
  }
  return value.map((item: unknown, index) => {
    const at = `course.lessons[${index}].`;
    if (!isRecord(item)) {
      problems.push({ path: at.slice(0, -1), message: 'must be an object' });
      return { id: '', title: '', minutes: 0 };
    }
    const minutes = item['minutes'];
    if (typeof minutes !== 'number' || !(minutes >= 0))
      problems.push({ path: `${at}minutes`, message: 'must be a number ≥ 0' });
    return {
      id: text(item, 'id', problems, at),
      title: text(item, 'title', problems, at),
      minutes: typeof minutes === 'number' ? minutes : 0,
    };
  });
}

/** Checks the page configuration, collecting every problem before failing. */
export function parsePlayerConfig(value: unknown): ConfigResult {
  const problems: ConfigProblem[] = [];
  if (!isRecord(value)) return { ok: false, problems: [{ path: '', message: 'must be an object' }] };
  const lang = value['lang'];
  if (lang !== 'sv' && lang !== 'en') problems.push({ path: 'lang', message: 'must be "sv" or "en"' });
  const scormVersion = value['scormVersion'];
  if (scormVersion !== '1.2' && scormVersion !== '2004')
    problems.push({ path: 'scormVersion', message: 'must be "1.2" or "2004"' });
  const nextSeq = value['nextSeq'];
  if (typeof nextSeq !== 'number' || !Number.isSafeInteger(nextSeq) || nextSeq < 1)
    problems.push({ path: 'nextSeq', message: 'must be a positive safe integer' });
  const exitUrl = value['exitUrl'];
  if (exitUrl !== null && exitUrl !== undefined && (typeof exitUrl !== 'string' || exitUrl === ''))
    problems.push({ path: 'exitUrl', message: 'must be a non-empty string or null' });
  const course = isRecord(value['course']) ? value['course'] : undefined;
  if (!course) problems.push({ path: 'course', message: 'must be an object' });
  const config: PlayerConfig = {
    lang: lang === 'en' ? 'en' : 'sv',
    scormVersion: scormVersion === '1.2' ? '1.2' : '2004',
    attemptId: text(value, 'attemptId', problems),
    contentUrl: text(value, 'contentUrl', problems),
    commitUrl: text(value, 'commitUrl', problems),
    initialCmi: flatCmi(value['initialCmi'], problems),
    nextSeq: typeof nextSeq === 'number' ? nextSeq : 1,
    course: {
      title: course ? text(course, 'title', problems, 'course.') : '',
      lessons: course ? lessons(course['lessons'], problems) : [],
    },
    exitUrl: typeof exitUrl === 'string' ? exitUrl : null,
  };
  return problems.length ? { ok: false, problems } : { ok: true, config };
}
