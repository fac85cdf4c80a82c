import type { ScormVersion } from './versions';

/** SCORM interaction types used by the course question types (same names in 1.2 and 2004). */
export const interactionTypes = {
  single: 'choice',
  multiple: 'choice',
  truefalse: 'true-false',
  ordering: 'sequencing',
  matching: 'matching',
} as const;
/** A course question type: `single` or `multiple` choice, `truefalse`, `ordering` or `matching`. */
export type QuestionType = keyof typeof interactionTypes;
/**
 * The SCORM `cmi.interactions.n.type` a question type is recorded as (`choice`, `true-false`, `sequencing`,
 * `matching`).
 */
export type InteractionType = (typeof interactionTypes)[QuestionType];

/** A learner's (or the correct) answer, independent of the SCORM version. */
export type InteractionResponse =
  | { readonly type: 'choice'; readonly ids: readonly string[] }
  | { readonly type: 'true-false'; readonly value: boolean }
  | { readonly type: 'sequencing'; readonly ids: readonly string[] }
  | { readonly type: 'matching'; readonly pairs: readonly (readonly [string, string])[] };

/**
 * SCORM 1.2 responses are single characters (a-z, 0-9), so an id is written as the character of
 * its position in the question's id list. 2004 takes short identifiers, so the id itself is used.
 */
const chars12 = 'abcdefghijklmnopqrstuvwxyz0123456789';

function char12(id: string, ids: readonly string[]): string {
  const index = ids.indexOf(id);
  return chars12.charAt(index) || '?';
}

/**
 * Formats a response for cmi.interactions.n.student_response / learner_response or a correct
 * response pattern. `ids` lists the question's option, item or pair ids in source order.
 */
export function formatResponse(
  version: ScormVersion,
  response: InteractionResponse,
  ids: readonly string[],
): string {
  const v12 = version === 'scorm12';
  switch (response.type) {
    case 'true-false':
      return v12 ? (response.value ? 't' : 'f') : String(response.value);
    case 'choice':
    case 'sequencing':
      return v12 ? response.ids.map((id) => char12(id, ids)).join(',') : response.ids.join('[,]');
    case 'matching':
      return v12
        ? response.pairs.map(([l, r]) => `${char12(l, ids)}.${char12(r, ids)}`).join(',')
        : response.pairs.map(([l, r]) => `${l}[.]${r}`).join('[,]');
  }
}

/** Two-digit zero padding for time strings. */
function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** cmi.core.session_time in SCORM 1.2 (CMITimespan `HHHH:MM:SS.SS`). */
export function sessionTime12(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(centis / 360000);
  const m = Math.floor((centis % 360000) / 6000);
  const s = Math.floor((centis % 6000) / 100);
  return `${pad(h, 4)}:${pad(m)}:${pad(s)}.${pad(centis % 100)}`;
}

/** cmi.session_time in SCORM 2004 (ISO 8601 duration, e.g. `PT1H2M3.5S`). */
export function sessionTime2004(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(centis / 360000);
  const m = Math.floor((centis % 360000) / 6000);
  const s = (centis % 6000) / 100;
  return `PT${h}H${m}M${s}S`;
}

/** cmi.interactions.n.time in SCORM 1.2 (CMITime, time of day `HH:MM:SS`). */
export function timeOfDay12(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** cmi.interactions.n.timestamp in SCORM 2004 (local time, second precision). */
export function timestamp2004(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
