import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Where an export goes: a writable to stream into, and what to do when done or failed. */
export interface ExportSink {
  readonly stream: Writable;
  /** Runs the writer, failing (not hanging) if the stream errors, then puts the file in place. */
  run(write: (stream: Writable) => Promise<number>): Promise<number>;
}

/** Standard output of the CLI, line by line (CSV only: XLSX is binary). */
export function lineSink(print: (line: string) => void): ExportSink {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += decoder.write(chunk);
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) print(line);
      done();
    },
    final(done) {
      pending += decoder.end();
      if (pending) print(pending);
      done();
    },
  });
  return { stream, run: (write) => write(stream) };
}

/**
 * A file written as `<file>.part` and renamed when complete, so a failed or interrupted export
 * never leaves a truncated file that looks finished.
 */
export async function fileSink(file: string): Promise<ExportSink> {
  const part = `${file}.part`;
  const stream = createWriteStream(part, { mode: 0o600 });
  await once(stream, 'open'); // rejects at once for a missing folder or no permission
  const closed = once(stream, 'close');
  const failed = once(stream, 'error').then(([error]) => {
    throw error;
  });
  return {
    stream,
    async run(write) {
      try {
        const rows = await Promise.race([write(stream), failed]);
        await closed;
        await rename(part, file);
        return rows;
      } catch (error) {
        stream.destroy();
        await rm(part, { force: true });
        throw error;
      }
    },
  };
}
