/**
 * Builds the course in course.ts into SCORM 1.2 and SCORM 2004 zips.
 *
 *   npx tsx examples/build-from-code/build.ts [output folder]
 *
 * The folder defaults to examples/build-from-code/out. Exit status 1 with every problem listed
 * (file, line, field) when the course is invalid; nothing is written then.
 */
import { resolve } from 'node:path';
import { buildCourse, formatProblem, validateCourse } from '@kompetenta/course-builder';
import { course } from './course';

async function main(): Promise<number> {
  const outDir = resolve(process.argv[2] ?? resolve(__dirname, 'out'));
  const problems = validateCourse(course);
  if (problems.length > 0) {
    console.error(`The course has ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
    return 1;
  }
  const built = await buildCourse(course, { outDir, formats: ['scorm12', 'scorm2004'] });
  console.log(`Built ${built.slug} ${built.version}:`);
  for (const { scormVersion, path } of built.packages) console.log(`  ${scormVersion}: ${path}`);
  // Keep these: pass them back as `tracking` when the course is rebuilt, so saved progress still matches.
  console.log(`Tracking ids: ${JSON.stringify(built.tracking)}`);
  return 0;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
