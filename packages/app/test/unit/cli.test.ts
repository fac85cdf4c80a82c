import { expect } from 'chai';
import { runCliCapturing } from '../support/runCliCapturing';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { status, out, err } = await runCliCapturing(argv, env);
  return { status, out: out.join('\n'), errLines: err };
}

describe('kompetenta CLI', () => {
  it('--help lists every command and exits 0', async () => {
    const { status, out } = await run(['--help']);
    expect(status).to.equal(0);
    for (const command of [
      'start',
      'migrate',
      'version',
      'build',
      'validate',
      'preview',
      'event',
      'attendance',
      'export',
      'outbox',
    ])
      expect(out).to.match(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('has --help on every command', async () => {
    for (const command of [
      'start',
      'migrate',
      'version',
      'build',
      'validate',
      'preview',
      'platform',
      'event',
      'attendance',
      'export',
      'outbox',
    ]) {
      const { status, out } = await run([command, '--help']);
      expect(status, command).to.equal(0);
      expect(out, command).to.contain(`Usage: kompetenta ${command}`);
    }
  });

  it('prints the version', async () => {
    const { status, out } = await run(['version']);
    expect(status).to.equal(0);
    expect(out).to.match(/^\d+\.\d+\.\d+/);
  });

  it('answers an unknown command or option with one line and exit status 2', async () => {
    for (const argv of [['frobnicate'], ['migrate', '--fast']]) {
      const { status, errLines } = await run(argv);
      expect(status).to.equal(2);
      expect(errLines).to.have.length(1);
      expect(errLines[0]).to.match(/^kompetenta: .*\[APP_USAGE_INVALID\]$/);
    }
  });

  it('reports a bad configuration as one line naming the variable, exit status 1', async () => {
    const { status, errLines } = await run(['migrate'], { PORT: 'abc' });
    expect(status).to.equal(1);
    expect(errLines).to.have.length(1);
    expect(errLines[0]).to.contain('PORT').and.contain('[APP_CONFIG_INVALID]');
  });
});
