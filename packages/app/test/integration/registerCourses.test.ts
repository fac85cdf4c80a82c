import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { registerCourses } from '../../src/registerCourses';

const repositoryCourses = join(__dirname, '../../../../courses');

describeEachEngine('registerCourses', (database) => {
  it('puts every course of courses/ in the catalogue with its outline, once', async () => {
    const logger = pino({ level: 'silent' });
    const first = await registerCourses(repositoryCourses, database().stores.courses, logger);
    const slugs = first.map((course) => course.slug);
    expect(slugs).to.include.members([
      'exempel',
      'handledare',
      'styrelse',
      'offentlig-sektor',
      'jamstalldhet',
      'tillganglighet',
    ]);
    const handledare = await database().stores.courses.latestVersion('handledare');
    expect(handledare?.outline.lessons.map((lesson) => lesson.id)).to.deep.equal([
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'h7',
    ]);
    expect(handledare?.outline.masteryScore).to.equal(80);
    expect(handledare?.contentHash).to.match(/^sha256:[0-9a-f]{64}$/);
    const again = await registerCourses(repositoryCourses, database().stores.courses, logger);
    expect(again).to.deep.equal(first);
    expect((await database().stores.courses.listCourses()).length).to.equal(first.length);
  });

  it('leaves out a course whose source has problems, and logs them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompetenta-courses-'));
    try {
      cpSync(join(repositoryCourses, 'exempel'), join(dir, 'exempel'), { recursive: true });
      cpSync(join(repositoryCourses, 'exempel'), join(dir, 'trasig'), { recursive: true });
      writeFileSync(join(dir, 'trasig', 'course.yaml'), 'slug: trasig\nversion: [not, a, version\n');
      const lines: string[] = [];
      const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
      const registered = await registerCourses(dir, database().stores.courses, logger);
      expect(registered.map((course) => course.slug)).to.deep.equal(['exempel']);
      expect(lines.join('')).to.contain('course left out').and.contain('course.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
