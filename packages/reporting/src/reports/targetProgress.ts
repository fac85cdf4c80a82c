import type { ProgrammeTarget, TargetMeasures } from '@kompetenta/core';
import { resolveThreshold } from '../suppression/threshold';

/** How far the programme has come toward one target. */
export interface TargetProgress {
  readonly target: ProgrammeTarget;
  /** The measured value (a count, or a share 0..1); null when not measured or suppressed. */
  readonly value: number | null;
  /** value / goal, capped at 1; null without a goal or a value. */
  readonly ratio: number | null;
  /** Why there is no value, or what the value is made of (e.g. the half-years covered). */
  readonly note: string | null;
}

/**
 * Progress toward each target. A share is computed only when its group has at least `threshold`
 * people (a share of a small group reveals individuals); metrics the store does not track yet
 * (organisation engagement) say so instead of showing zero.
 */
export function targetProgress(
  targets: readonly ProgrammeTarget[],
  measures: TargetMeasures,
  options: { threshold?: number } = {},
): TargetProgress[] {
  const k = resolveThreshold(options.threshold);
  return targets.map((target) => {
    const { value, note } = measure(target, measures, k);
    const ratio =
      value === null || target.goal === null || target.goal <= 0 ? null : Math.min(1, value / target.goal);
    return { target, value, ratio, note };
  });
}

function measure(
  target: ProgrammeTarget,
  m: TargetMeasures,
  k: number,
): { value: number | null; note: string | null } {
  const metric = target.metric;
  switch (metric.kind) {
    case 'peopleTrained':
      return { value: m.peopleTrained, note: null };
    case 'eventCount':
      return {
        value: metric.eventTypes.reduce((sum, type) => sum + (m.eventsByType[type] ?? 0), 0),
        note: null,
      };
    case 'eventPlaces':
      return {
        value: metric.eventTypes.reduce((sum, type) => sum + (m.placesByType[type] ?? 0), 0),
        note: null,
      };
    case 'eventEveryHalfYear': {
      const halves = m.halfYearsByType[metric.eventType] ?? [];
      return { value: halves.length, note: halves.length ? halves.join(', ') : null };
    }
    case 'womenShare': {
      const rows = m.activeByRole[metric.role] ?? [];
      const total = rows.reduce((sum, row) => sum + row.count, 0);
      const women = rows.filter((row) => row.gender === 'kvinna').reduce((sum, row) => sum + row.count, 0);
      if (total < k) return { value: null, note: `färre än ${k} aktiva: visas inte` };
      return { value: women / total, note: `${total} aktiva` };
    }
    case 'organisationEngagement':
      return { value: null, note: 'registreras inte ännu' };
  }
}
