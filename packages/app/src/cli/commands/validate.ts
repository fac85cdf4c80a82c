import type { Command } from 'commander';
import { AppError } from '@kompetenta/core';
import { checkCourse, formatProblem, lessonReadability } from '@kompetenta/course-builder';
import { resolveSlugs } from '@kompetenta/course-builder/internal';
import type { CliContext } from '../CliContext';

/**
 * `kompetenta validate [slug…]`: checks course sources and prints every problem as file:line, plus
 * the LIX readability of each lesson; exits non-zero when any course has a problem.
 */
export function registerValidateCommand(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description(
      'Check course sources and list every problem with file and line (all courses when no slug is given).',
    )
    .argument('[slugs...]', 'course folders under courses/')
    .action((slugs: string[]) => {
      let problems = 0;
      for (const slug of resolveSlugs(ctx.coursesDir, slugs)) {
        const result = checkCourse(ctx.coursesDir, slug);
        for (const problem of result.problems) ctx.err(formatProblem(problem));
        problems += result.problems.length;
        if (!result.prepared) {
          ctx.out(`${slug}: ${result.problems.length} problem(s)`);
          continue;
        }
        const lix = lessonReadability(result.prepared)
          .map((r) => `${r.lesson}/${r.lang} ${Math.round(r.lix)}`)
          .join(', ');
        ctx.out(`${slug}: ok (LIX ${lix})`);
      }
      if (problems > 0)
        throw new AppError(
          'COURSE_SOURCE_INVALID',
          `${problems} problem(s) in the course sources; see the list above.`,
        );
    });
}
