import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const bin = join(__dirname, '../../packages/app/dist/bin/kompetenta.js');

/** How long `kompetenta start` may take to print its port (migrations, course build). */
const START_TIMEOUT_MS = 120_000;

/**
 * `kompetenta start` as a real child process (the built CLI), so SIGTERM and a restart are real.
 * Its output goes to `logFile` (appended across restarts); pino's error lines are counted.
 */
export class AppProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream;
  /** Lines the app logged at level error or fatal (pino level ≥ 50), across restarts. */
  readonly errorLines: string[] = [];
  /** Exit codes of the processes stopped so far. */
  readonly exitCodes: (number | null)[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Kills the app when the soak process dies without cleaning up. */
  private readonly onExit = () => this.child?.kill('SIGKILL');

  /** Starts the process; resolves once it prints the port it listens on. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [bin, 'start'], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    process.off('exit', this.onExit).once('exit', this.onExit);
    let pending = '';
    let output = '';
    const onLine = (line: string) => {
      if (/^\{.*"level":(5\d|60)/.test(line)) this.errorLines.push(line);
    };
    const onChunk = (chunk: Buffer) => {
      this.log.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stderr.on('data', onChunk);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(`kompetenta start printed no port within ${START_TIMEOUT_MS} ms; see ${this.logFile}`),
        );
      }, START_TIMEOUT_MS);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`kompetenta start exited with ${code} before listening; see ${this.logFile}`));
      };
      child.stdout.on('data', (chunk: Buffer) => {
        onChunk(chunk);
        output += chunk.toString();
        if (/running on port \d+/.test(output)) {
          clearTimeout(timer);
          child.off('exit', onExit);
          output = '';
          resolve();
        }
      });
      child.once('exit', onExit);
    });
  }

  /**
   * Sends SIGTERM and resolves with the exit code once the process has ended (it finishes its
   * in-flight requests and outbox batches first).
   */
  async terminate(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = once(child, 'exit') as Promise<[number | null]>;
    child.kill('SIGTERM');
    const [code] = await exited;
    this.exitCodes.push(code);
    return code;
  }

  /** The resident set size of the running process in bytes (Linux /proc), or undefined. */
  residentBytes(): number | undefined {
    if (!this.child?.pid || this.child.exitCode !== null) return undefined;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
      return kb === undefined ? undefined : Number(kb) * 1024;
    } catch {
      return undefined; // exited meanwhile
    }
  }

  /** Terminates a running process (SIGKILL if it ignores SIGTERM for 30 s) and closes the log. */
  async dispose(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await this.terminate();
      clearTimeout(killer);
    }
    process.off('exit', this.onExit);
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
