import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/** Runs the built CLI (packages/app/dist/bin/kompetenta.js) with a test-only memory handler. */
const launcher = join(__dirname, 'appLauncher.cjs');

/** How long `kompetenta start` may take to print its port (migrations, course build). */
const START_TIMEOUT_MS = 120_000;
/** How long a memory sample or heap snapshot may take to be answered (a loaded machine). */
const ASK_TIMEOUT_MS = 60_000;

/** `process.memoryUsage()` of the app right after two full garbage collections. */
export interface HeapSample {
  /** Live heap: V8 heap in use after the collections, in bytes. */
  readonly heapUsed: number;
  /** What V8 has reserved for its heap (grows lazily, rarely shrinks). */
  readonly heapTotal: number;
  /** Memory of C++ objects bound to JS ones (buffers among others). */
  readonly external: number;
  readonly arrayBuffers: number;
  /** The resident set size at the same moment. */
  readonly rss: number;
  /** How long the two collections paused the app. */
  readonly gcMs: number;
}

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

  private nextAsk = 0;
  private readonly asks = new Map<
    number,
    { resolve: (answer: Record<string, unknown>) => void; reject: (error: Error) => void }
  >();

  /** Kills the app when the soak process dies without cleaning up. */
  private readonly onExit = () => this.child?.kill('SIGKILL');

  /** Starts the process; resolves once it prints the port it listens on. */
  async start(): Promise<void> {
    // --expose-gc and an IPC channel for the launcher's memory handler (never an HTTP route).
    const child = spawn(process.execPath, ['--expose-gc', launcher, 'start'], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    const { stdout, stderr } = child;
    if (!stdout || !stderr) throw new Error('spawn gave the app no stdout or stderr pipe');
    child.on('message', (answer: Record<string, unknown>) => {
      const ask = this.asks.get(Number(answer.id));
      if (!ask) return;
      this.asks.delete(Number(answer.id));
      if (typeof answer.error === 'string') ask.reject(new Error(answer.error));
      else ask.resolve(answer);
    });
    child.once('exit', () => {
      for (const ask of this.asks.values()) ask.reject(new Error('the app exited'));
      this.asks.clear();
    });
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
    stderr.on('data', onChunk);
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
      stdout.on('data', (chunk: Buffer) => {
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

  /** Sends `message` to the launcher and resolves with its answer (rejects if the app exits first). */
  private ask(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    const child = this.child;
    if (!child?.connected || child.exitCode !== null || child.signalCode !== null)
      return Promise.reject(new Error('the app is not running'));
    const id = ++this.nextAsk;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.asks.delete(id);
        reject(new Error(`the app did not answer ${String(message.type)} within ${ASK_TIMEOUT_MS} ms`));
      }, ASK_TIMEOUT_MS);
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          then(value);
        };
      this.asks.set(id, { resolve: settle(resolve), reject: settle(reject) });
      child.send({ ...message, id }, (error) => {
        if (error) this.asks.get(id)?.reject(error);
      });
    });
  }

  /** Has the app run two full garbage collections and report its memory after them. */
  async heapAfterGc(): Promise<HeapSample> {
    const answer = await this.ask({ type: 'memory' });
    const usage = answer.usage as NodeJS.MemoryUsage;
    return {
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      rss: usage.rss,
      gcMs: Number(answer.gcMs),
    };
  }

  /** Has the app write a V8 heap snapshot to `path` (pauses it for seconds); resolves with how long it took. */
  async writeHeapSnapshot(path: string): Promise<number> {
    const answer = await this.ask({ type: 'snapshot', path });
    return Number(answer.ms);
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
