import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unusedLoopbackPort } from '@kompetenta/test-utils';

/** The directory of `initdb` and `pg_ctl`: KOMPETENTA_PG_BIN, else the newest /usr/lib/postgresql/<ver>/bin. */
function postgresBinDir(): string {
  const configured = process.env.KOMPETENTA_PG_BIN;
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      'the soak needs PostgreSQL server binaries (initdb, pg_ctl): install postgresql or set KOMPETENTA_PG_BIN',
    );
  return join(root, versions[0], 'bin');
}

function postgresUserIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * A PostgreSQL server of the soak's own (initdb into a temporary directory, its own port on
 * 127.0.0.1, trust authentication), so the soak can stop and restart it without touching the
 * shared server other tests use. PostgreSQL refuses to run as root, so as root every command
 * runs as the `postgres` user. {@link PrivatePostgres.dispose} removes it all, also after a failure.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asRoot: boolean,
  ) {}

  /** The server's command line settings, the same at every start. */
  private serverOptions = '';
  /** Stops the server and deletes its files even when the soak process dies without cleaning up. */
  private readonly onExit = () => {
    try {
      const stop = [join(this.bin, 'pg_ctl'), '-D', this.dataDir, '-m', 'immediate', '-w', 'stop'];
      if (existsSync(join(this.dataDir, 'postmaster.pid')))
        execFileSync(
          this.asRoot ? 'runuser' : stop[0]!,
          this.asRoot ? ['-u', 'postgres', '--', ...stop] : stop.slice(1),
          {
            stdio: 'ignore',
          },
        );
    } catch {
      // Best effort on the way out.
    }
    rmSync(this.dir, { recursive: true, force: true });
  };

  /** Creates and starts the server; resolves once it accepts connections. */
  static async start(options: { maxConnections?: number } = {}): Promise<PrivatePostgres> {
    const bin = postgresBinDir();
    const asRoot = process.getuid?.() === 0;
    const dir = mkdtempSync(join(tmpdir(), 'kompetenta-soak-pg-'));
    if (asRoot) {
      const { uid, gid } = postgresUserIds();
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    const server = new PrivatePostgres(bin, dir, await unusedLoopbackPort(), asRoot);
    process.once('exit', server.onExit);
    try {
      await server.run('initdb', [
        '-D',
        server.dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-locale',
      ]);
      server.serverOptions = [
        `-p ${server.port}`,
        '-c listen_addresses=127.0.0.1',
        `-c unix_socket_directories=${dir}`,
        `-c max_connections=${options.maxConnections ?? 100}`,
      ].join(' ');
      await server.resume();
    } catch (error) {
      await server.dispose();
      throw error;
    }
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The database every soak process uses. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Runs a server tool without blocking the event loop (the learners keep going meanwhile). */
  private async run(tool: string, args: readonly string[]): Promise<void> {
    const path = join(this.bin, tool);
    const [command, commandArgs] = this.asRoot
      ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
      : [path, [...args]];
    await promisify(execFile)(command, commandArgs, { cwd: this.dir, timeout: 120_000 });
  }

  /** Fast shutdown: open connections are cut, as when an operator restarts the server. */
  stop(): Promise<void> {
    return this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  /** Starts the (stopped) server on its port and data; resolves once it accepts connections. */
  resume(): Promise<void> {
    return this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      this.serverOptions,
      '-w',
      'start',
    ]);
  }

  /** Stops the server if it runs and deletes its directory. Never throws. */
  async dispose(): Promise<void> {
    process.off('exit', this.onExit);
    try {
      if (existsSync(join(this.dataDir, 'postmaster.pid')))
        await this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped, or never started: the directory goes either way.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
