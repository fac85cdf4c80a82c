import type { CmiData } from '@kompetenta/core';

/** A CMI number value (strings as scorm-again sends them, or numbers), or null when blank/invalid. */
export function cmiNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}

/** raw within min..max as 0..1, or null when the range is unusable. */
function fromRaw(raw: number | null, min: number | null, max: number | null): number | null {
  if (raw === null || min === null || max === null || max <= min) return null;
  return clamp01((raw - min) / (max - min));
}

/**
 * SCORM 1.2 has no scaled score: raw within min..max, where a blank min is 0 and a blank max is
 * 100 (the 1.2 score range), so `raw = 80` alone is 0.8.
 */
export function scoreScaled12(cmi: CmiData): number | null {
  return fromRaw(
    cmiNumber(cmi['cmi.core.score.raw']),
    cmiNumber(cmi['cmi.core.score.min']) ?? 0,
    cmiNumber(cmi['cmi.core.score.max']) ?? 100,
  );
}

/**
 * SCORM 2004: `score.scaled` when the SCO set it (negative values count as 0: grades are 0..1),
 * otherwise raw within min..max when all three are known; SCORM 2004 gives raw no default range.
 */
export function scoreScaled2004(cmi: CmiData): number | null {
  const scaled = cmiNumber(cmi['cmi.score.scaled']);
  if (scaled !== null) return clamp01(scaled);
  return fromRaw(
    cmiNumber(cmi['cmi.score.raw']),
    cmiNumber(cmi['cmi.score.min']),
    cmiNumber(cmi['cmi.score.max']),
  );
}
