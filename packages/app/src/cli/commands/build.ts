import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '@kompetenta/core';
import { buildCourse, checkCourse, formatProblem } from '@kompetenta/course-builder';
import { defaultFormats, parseFormats, resolveSlugs } from '@kompetenta/course-builder/internal';
import type { CliContext } from '../CliContext';

interface BuildOptions {
  format?: string;
  out: string;
}

/**
 * `kompetenta build [slug…] [--format scorm12,scorm2004] [--out dir]`: writes
 * `<slug>-<version>-<format>.zip` per course and format. Every course is checked first, so an
 * invalid source stops the build before any zip is written, with every problem listed.
 */
export function registerBuildCommand(program: Command, ctx: CliContext): void {
  program
    .command('build')
    .description('Build SCORM 1.2 and SCORM 2004 4th Edition packages (all courses when no slug is given).')
    .argument('[slugs...]', 'course folders under courses/')
    .option('--format <list>', `comma-separated formats (default ${defaultFormats.join(',')})`)
    .option('--out <dir>', 'folder for the zips', 'dist/packages')
    .action(async (slugs: string[], options: BuildOptions) => {
      const formats = options.format === undefined ? [...defaultFormats] : parseFormats(options.format);
      const courses = resolveSlugs(ctx.coursesDir, slugs);
      let problems = 0;
      for (const slug of courses) {
        const result = checkCourse(ctx.coursesDir, slug);
        for (const problem of result.problems) ctx.err(formatProblem(problem));
        problems += result.problems.length;
      }
      if (problems > 0) {
        throw new AppError(
          'COURSE_SOURCE_INVALID',
          `${problems} problem(s) in the course sources; nothing was built.`,
        );
      }
      const outDir = resolve(ctx.cwd, options.out);
      for (const slug of courses) {
        for (const zip of await buildCourse(ctx.coursesDir, slug, outDir, formats)) ctx.out(`wrote ${zip}`);
      }
    });
}
