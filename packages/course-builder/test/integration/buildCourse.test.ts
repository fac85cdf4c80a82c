import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '@kompetenta/core';
import { buildCourse, manifestProblems, prepareCourse } from '../../src/index';
import { packageEntries, writeZip } from '../../src/internal';
import { fixtureCourses, validLesson } from '../support/fixtureCourse';

describe('building packages', () => {
  it('writes one zip per version, names every file, and writes tracking.yaml once', async () => {
    const coursesDir = fixtureCourses();
    const out = mkdtempSync(join(tmpdir(), 'kompetenta-out-'));
    const zips = await buildCourse(coursesDir, 'demo', out, ['scorm12', 'scorm2004']);
    expect(zips.map((z) => z.slice(out.length + 1))).to.deep.equal([
      'demo-1.0.0-scorm12.zip',
      'demo-1.0.0-scorm2004.zip',
    ]);
    expect(readdirSync(out).sort()).to.deep.equal(['demo-1.0.0-scorm12.zip', 'demo-1.0.0-scorm2004.zip']);
    const tracking = readFileSync(join(coursesDir, 'demo', 'tracking.yaml'), 'utf8');
    expect(tracking).to.contain('d1-q1: 1');
    for (const version of ['scorm12', 'scorm2004'] as const) {
      const entries = await packageEntries(prepareCourse(coursesDir, 'demo'), version);
      const manifest = entries.find((e) => e.path === 'imsmanifest.xml')?.data.toString('utf8') ?? '';
      expect(
        manifestProblems(
          manifest,
          version,
          entries.map((e) => e.path),
        ),
      ).to.deep.equal([]);
      expect(manifest).to.contain('identifier="kompetenta-demo-1-0-0"');
      expect(manifest).to.contain(
        version === 'scorm12'
          ? '<imsmd:langstring xml:lang="sv">Demo</imsmd:langstring>'
          : '<lom:string language="sv">Demo</lom:string>',
      );
    }
  });

  it('gives byte-identical zips for the same source', async () => {
    const coursesDir = fixtureCourses();
    const [a] = await buildCourse(coursesDir, 'demo', mkdtempSync(join(tmpdir(), 'a-')), ['scorm2004']);
    const [b] = await buildCourse(coursesDir, 'demo', mkdtempSync(join(tmpdir(), 'b-')), ['scorm2004']);
    expect(readFileSync(a!).equals(readFileSync(b!))).to.equal(true);
  });

  it('keeps numbers in tracking.yaml when a question is added before an existing one', async () => {
    const coursesDir = fixtureCourses();
    const out = mkdtempSync(join(tmpdir(), 'kompetenta-out-'));
    await buildCourse(coursesDir, 'demo', out, ['scorm12']);
    const added = validLesson.replace(
      'questions:\n',
      'questions:\n  - id: d1-q0\n    type: truefalse\n    prompt: Nytt?\n    answer: true\n    feedback:\n      true: Ja.\n      false: Nej.\n',
    );
    writeFileSync(join(coursesDir, 'demo', 'lessons', 'd1.sv.md'), added);
    await buildCourse(coursesDir, 'demo', out, ['scorm12']);
    const tracking = readFileSync(join(coursesDir, 'demo', 'tracking.yaml'), 'utf8');
    expect(tracking).to.contain('d1-q1: 1');
    expect(tracking).to.contain('d1-q0: 2');
  });

  it('refuses an invalid source and writes no zip', async () => {
    const coursesDir = fixtureCourses({
      'lessons/d1.sv.md': validLesson.replace('![', '').concat('\n![](../images/x.png)\n'),
    });
    const out = mkdtempSync(join(tmpdir(), 'kompetenta-out-'));
    const error = await buildCourse(coursesDir, 'demo', out, ['scorm12']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error, 'COURSE_SOURCE_INVALID')).to.equal(true);
    expect(readdirSync(out)).to.deep.equal([]);
  });

  it('leaves no partial zip behind when writing fails', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kompetenta-out-'));
    const target = join(out, 'exists-as-folder.zip');
    // A folder where the zip should go makes the final rename fail after the data was written.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), '');
    const error = await writeZip(target, [{ path: 'a.txt', data: Buffer.from('a') }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error, 'COURSE_PACKAGE_WRITE_FAILED')).to.equal(true);
    expect(readdirSync(out)).to.deep.equal(['exists-as-folder.zip']);
    expect(existsSync(join(target, 'keep'))).to.equal(true);
  });
});
