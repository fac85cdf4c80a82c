import { temporaryDataDir } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const bin = join(__dirname, '../../dist/bin/kompetenta.js');

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Starts `kompetenta start` and resolves once it prints the port it listens on. */
function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running on port (\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`kompetenta start exited with ${code}:\n${output}`)));
  });
}

async function stop(started: Started): Promise<number | null> {
  const exited = once(started.child, 'exit');
  started.child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

describe('kompetenta start (a real process) [pglite]', () => {
  it('serves /healthz and /readyz, stops on SIGTERM with status 0, and starts again on the same data', async () => {
    const { dir, remove } = temporaryDataDir();
    try {
      const first = await start({ DATA_DIR: dir });
      const base = `http://127.0.0.1:${first.port}`;
      expect((await fetch(`${base}/healthz`)).status).to.equal(200);
      expect((await fetch(`${base}/readyz`)).status).to.equal(200);
      expect(first.output()).to.contain('migrations applied');
      expect(first.output()).to.match(/Login \(OIDC initiation\): +http:\/\/localhost:0\/lti\/login/);
      const jwks = (await (await fetch(`${base}/lti/keys`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys).to.have.length.greaterThan(0);
      expect(await stop(first)).to.equal(0);

      const second = await start({ DATA_DIR: dir });
      expect((await fetch(`http://127.0.0.1:${second.port}/readyz`)).status).to.equal(200);
      expect(second.output(), 'the schema was kept on disk').to.contain('database schema is current');
      const again = (await (await fetch(`http://127.0.0.1:${second.port}/lti/keys`)).json()) as {
        keys: { kid: string }[];
      };
      expect(again.keys[0]?.kid, 'the tool key (and the key that encrypts it) survive a restart').to.equal(
        jwks.keys[0]?.kid,
      );
      expect(await stop(second)).to.equal(0);
    } finally {
      remove();
    }
  });

  it('exits non-zero with one clear line for a bad PORT', async () => {
    const child = spawn(process.execPath, [bin, 'start'], {
      env: { PATH: process.env.PATH, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).to.equal(1);
    expect(stderr.trim().split('\n')).to.deep.equal([
      'kompetenta: Invalid configuration: PORT must be a number (got "abc"). [APP_CONFIG_INVALID]',
    ]);
  });
});
