/**
 * Benchmark: time to build every course in courses/ in both SCORM formats, against a baseline of
 * zipping the very same files with one plain yazl call. Run: npm run bench:build
 * The course sources are not touched (tracking ids are not written back).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ZipFile } from 'yazl';
import { buildCourse, listCourses, prepareCourse } from '@kompetenta/course-builder';
import { packageEntries, type PackageEntry } from '@kompetenta/course-builder/internal';
import { reportResult } from '../report';

const coursesDir = join(__dirname, '..', '..', 'courses');
const versions = ['scorm12', 'scorm2004'] as const;
const rounds = Number(process.argv[2] ?? 5);

function plainZip(target: string, entries: readonly PackageEntry[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    for (const entry of entries) zip.addBuffer(entry.data, entry.path);
    zip.end();
    zip.outputStream.pipe(createWriteStream(target)).on('close', resolve).on('error', reject);
  });
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'kompetenta-bench-'));
  const slugs = listCourses(coursesDir).filter((slug) => {
    try {
      prepareCourse(coursesDir, slug);
      return true;
    } catch (error) {
      console.log(`skipped ${slug}: ${(error as Error).message.split('\n')[0]}`);
      return false;
    }
  });
  // The same files the builder packs, prepared once outside the timed baseline.
  const files = new Map<string, PackageEntry[]>();
  for (const slug of slugs)
    for (const v of versions)
      files.set(`${slug}-${v}`, await packageEntries(prepareCourse(coursesDir, slug), v));

  await buildCourse(coursesDir, slugs[0] ?? 'exempel', out, versions, { writeTrackingIds: false }); // warm-up (bundles the runtime once)
  const build: number[] = [];
  const zip: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    for (const slug of slugs) await buildCourse(coursesDir, slug, out, versions, { writeTrackingIds: false });
    build.push(performance.now() - start);
    start = performance.now();
    for (const [name, entries] of files) await plainZip(join(out, `${name}-plain.zip`), entries);
    zip.push(performance.now() - start);
  }
  rmSync(out, { recursive: true, force: true });
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const b = median(build);
  const z = median(zip);
  console.log(
    `courses: ${slugs.join(', ')} (${slugs.length} × ${versions.length} packages), median of ${rounds} rounds`,
  );
  console.log(`build (read, validate, render, manifest, check, zip): ${b.toFixed(1)} ms`);
  console.log(`baseline (plain yazl zip of the same files):          ${z.toFixed(1)} ms`);
  console.log(`ratio build / baseline:                               ${(b / z).toFixed(1)}×`);
  reportResult({
    name: 'build',
    figure: Number(b.toFixed(1)),
    unit: 'ms',
    floor: Number(z.toFixed(1)),
    ratio: Number((b / z).toFixed(2)),
    ratioMeaning: 'build time / plain zip time of the same files',
    details: { courses: slugs.length, packages: slugs.length * versions.length, rounds },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
