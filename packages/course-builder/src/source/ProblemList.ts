import { AppError } from '@kompetenta/core';

/** One problem in a course source, with its place so an author can find it. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Collects every problem found while reading and checking a course, so the author sees all of them
 * at once (Adapt-style validation) instead of fixing one error per run.
 */
export class ProblemList {
  readonly #problems: Problem[] = [];

  /**
   * Records a problem at `file` (relative to the course folder) and 1-based `line` (0 and below count as 1).
   */
  add(file: string, line: number, message: string): void {
    this.#problems.push({ file, line: Math.max(1, line), message });
  }

  get size(): number {
    return this.#problems.length;
  }

  /** Every problem so far, sorted by file and then line. */
  all(): readonly Problem[] {
    return [...this.#problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  }

  /** Throws COURSE_SOURCE_INVALID listing every problem, when there is at least one. */
  throwIfAny(slug: string): void {
    if (this.size === 0) return;
    const problems = this.all();
    throw new AppError(
      'COURSE_SOURCE_INVALID',
      `Course "${slug}" has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`,
      { problems },
    );
  }
}

/** `file:line: message`, the format editors and terminals link to. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
