import { expect } from 'chai';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { isAppError } from '@kompetenta/core';
import { registerBuildCommand } from '../../../app/src/cli/commands/build';
import { registerValidateCommand } from '../../../app/src/cli/commands/validate';
import type { CliContext } from '../../../app/src/cli/CliContext';
import { fixtureCourses, validLesson } from '../support/fixtureCourse';

/** Runs the kompetenta commands of this package against a courses folder, capturing output. */
async function run(
  coursesDir: string,
  cwd: string,
  ...args: string[]
): Promise<{ out: string[]; err: string[]; error: unknown }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { cwd, coursesDir, out: (l) => out.push(l), err: (l) => err.push(l) };
  const program = new Command().exitOverride();
  registerBuildCommand(program, ctx);
  registerValidateCommand(program, ctx);
  const error = await program.parseAsync(['node', 'kompetenta', ...args]).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { out, err, error };
}

describe('kompetenta build / validate commands', () => {
  it('validate prints ok and LIX for a valid course', async () => {
    const result = await run(fixtureCourses(), tmpdir(), 'validate');
    expect(result.error).to.equal(undefined);
    expect(result.out[0]).to.match(/^demo: ok \(LIX d1\/sv \d+\)$/);
  });

  it('validate prints every problem with file:line and fails with COURSE_SOURCE_INVALID', async () => {
    const lesson = validLesson.replace('type: truefalse', 'type: essay').concat('\n{{param.nope}}\n');
    const result = await run(fixtureCourses({ 'lessons/d1.sv.md': lesson }), tmpdir(), 'validate', 'demo');
    expect(isAppError(result.error, 'COURSE_SOURCE_INVALID')).to.equal(true);
    expect(result.err).to.have.length(1);
    expect(result.err[0]).to.match(/^courses\/demo\/lessons\/d1\.sv\.md:9: .*unknown question type "essay"/);
  });

  it('validate names an unknown course', async () => {
    const result = await run(fixtureCourses(), tmpdir(), 'validate', 'nope');
    expect(isAppError(result.error, 'COURSE_NOT_FOUND')).to.equal(true);
  });

  it('build writes the zips to --out relative to the working folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kompetenta-cwd-'));
    const result = await run(fixtureCourses(), cwd, 'build', '--out', 'pkgs', '--format', 'scorm2004');
    expect(result.error).to.equal(undefined);
    expect(readdirSync(join(cwd, 'pkgs'))).to.deep.equal(['demo-1.0.0-scorm2004.zip']);
    expect(result.out).to.deep.equal([`wrote ${join(cwd, 'pkgs', 'demo-1.0.0-scorm2004.zip')}`]);
  });

  it('build rejects an unknown format and an invalid source before writing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kompetenta-cwd-'));
    const bad = await run(fixtureCourses(), cwd, 'build', '--format', 'scorm3');
    expect(isAppError(bad.error, 'SCORM_VERSION_UNKNOWN')).to.equal(true);
    const invalid = await run(fixtureCourses({ 'lessons/d1.sv.md': '' }), cwd, 'build');
    expect(isAppError(invalid.error, 'COURSE_SOURCE_INVALID')).to.equal(true);
    expect(readdirSync(cwd)).to.deep.equal([]);
  });
});
