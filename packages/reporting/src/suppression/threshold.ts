import { AppError } from '@kompetenta/core';

/** The default smallest group a report may show (shared/domain.md §2.4). */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
/** No configuration may go below this: groups of one or two are always identifying. */
export const MIN_SUPPRESSION_THRESHOLD = 3;

/** The threshold to use: the default when unset; throws REPORT_THRESHOLD_INVALID below the floor. */
export function resolveThreshold(threshold: number | undefined): number {
  if (threshold === undefined) return DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < MIN_SUPPRESSION_THRESHOLD) {
    throw new AppError(
      'REPORT_THRESHOLD_INVALID',
      `The suppression threshold must be a whole number of at least ${MIN_SUPPRESSION_THRESHOLD}, not ${threshold}.`,
      { threshold },
    );
  }
  return threshold;
}
