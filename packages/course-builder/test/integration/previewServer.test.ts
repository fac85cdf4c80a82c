import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAppError } from '@kompetenta/core';
import { startPreview } from '../../src/index';
import { fixtureCourses, validLesson } from '../support/fixtureCourse';

describe('preview server', () => {
  it('serves the stand-in LMS, scorm-again and the course, rebuilt from source on reload', async () => {
    const coursesDir = fixtureCourses();
    const server = await startPreview({ coursesDir, slug: 'demo', version: 'scorm12', port: 0 });
    try {
      const base = new URL(server.url);
      expect(base.searchParams.get('version')).to.equal('scorm12');
      const harness = await fetch(new URL('/', base));
      expect(await harness.text()).to.contain('Stand-in LMS');
      expect((await fetch(new URL('/scorm-again.js', base))).status).to.equal(200);
      const page = await fetch(new URL('/course/index.html', base));
      expect(await page.text()).to.contain('Första lektionen');
      expect((await fetch(new URL('/course/assets/runtime.js', base))).status).to.equal(200);
      expect((await fetch(new URL('/course/missing.js', base))).status).to.equal(404);

      writeFileSync(
        join(coursesDir, 'demo', 'lessons', 'd1.sv.md'),
        validLesson.replace('Första lektionen', 'Ändrad titel'),
      );
      expect(await (await fetch(new URL('/course/index.html', base))).text()).to.contain('Ändrad titel');
      writeFileSync(
        join(coursesDir, 'demo', 'lessons', 'd1.sv.md'),
        validLesson.replace('type: truefalse', 'type: essay'),
      );
      const broken = await fetch(new URL('/course/index.html', base));
      expect(broken.status).to.equal(500);
      expect(await broken.text()).to.contain('unknown question type "essay"');
    } finally {
      await server.close();
    }
  });

  it('fails with COURSE_PREVIEW_FAILED when the port is taken', async () => {
    const coursesDir = fixtureCourses();
    const first = await startPreview({ coursesDir, slug: 'demo', version: 'scorm2004', port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      const error = await startPreview({ coursesDir, slug: 'demo', version: 'scorm2004', port }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(error, 'COURSE_PREVIEW_FAILED')).to.equal(true);
    } finally {
      await first.close();
    }
  });
});
