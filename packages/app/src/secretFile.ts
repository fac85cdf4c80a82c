import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How one kind of secret is made, and how its stored text is checked. */
export interface SecretCodec<T> {
  /** A new random secret, as the text kept in the file. */
  make(): string;
  /** The stored text (trimmed) as the secret; throws a clear AppError naming `file` when it is unusable. */
  parse(stored: string, file: string): T;
}

/**
 * A secret kept in `DATA_DIR/secrets/<name>` (directory 0700, file 0600): read when the file
 * exists, else made once. Never regenerated while the file exists, because a new one would void
 * what the old one protects (encrypted keys, printed links, pseudonyms, open sessions). When two
 * processes (the server, a CLI command, a second instance) make it at once, the first write wins
 * (`wx`) and the other reads it.
 */
export function secretFromFile<T>(dataDir: string, name: string, codec: SecretCodec<T>): T {
  const directory = join(dataDir, 'secrets');
  const file = join(directory, name);
  const read = (): T => codec.parse(readFileSync(file, 'utf8').trim(), file);
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = codec.make();
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw error;
  }
  return codec.parse(text, file);
}
