import { expect } from 'chai';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestProblems } from '@kompetenta/course-builder';
import { readZip } from '../e2e/support/packageServer';
import { schemasDir, xmllint } from '../e2e/support/xmllint';
import { runExample } from './support/runExample';

describe('examples/build-from-code', () => {
  const out = mkdtempSync(join(tmpdir(), 'kompetenta-example-build-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('builds the course defined in code into SCORM 1.2 and 2004 zips that follow the manifest rules and XSDs', async () => {
    const run = await runExample('build-from-code/build.ts', [out]);
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.contain('Built kallkritik-kod 1.0.0');
    expect(readdirSync(out).sort()).to.deep.equal([
      'kallkritik-kod-1.0.0-scorm12.zip',
      'kallkritik-kod-1.0.0-scorm2004.zip',
    ]);
    const schemas = schemasDir();
    for (const version of ['scorm12', 'scorm2004'] as const) {
      const files = await readZip(join(out, `kallkritik-kod-1.0.0-${version}.zip`));
      expect([...files.keys()]).to.include.members([
        'imsmanifest.xml',
        'index.html',
        'assets/course.css',
        'assets/runtime.js',
        'images/forstoringsglas.svg',
      ]);
      const manifest = files.get('imsmanifest.xml')?.toString('utf8') ?? '';
      expect(manifestProblems(manifest, version, [...files.keys()])).to.deep.equal([]);
      expect(manifest).to.contain('Källkritik på jobbet').and.contain('Source criticism at work');
      // Both lessons, in both languages, with the parameter filled in and the quiz rendered.
      const page = files.get('index.html')?.toString('utf8') ?? '';
      expect(page)
        .to.contain('Granska en källa')
        .and.contain('Check a source')
        .and.contain('Ställ tre frågor till allt du läser')
        .and.contain('Vilken fråga handlar om avsändaren?')
        .and.contain('alt="Ett förstoringsglas"');
      if (schemas) {
        const manifestPath = join(out, `${version}-imsmanifest.xml`);
        writeFileSync(manifestPath, manifest);
        const result = xmllint(version, manifestPath, schemas);
        expect(result.status, result.stderr).to.equal(0);
      } else {
        console.log(
          '      SCORM schemas not found (../shared/schemas or SCORM_SCHEMAS_DIR): XSD step not run',
        );
      }
    }
  });
});
