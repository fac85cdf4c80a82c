import { AppError } from '@kompetenta/core';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes one message's RFC 822 text as `<dir>/<name>.eml`. The file is written under a temporary
 * name and renamed, so a reader never sees half a message; the name comes from the message's
 * idempotency key, so a resend of the same outbox row replaces its file instead of adding one.
 * Throws MAIL_FILE_WRITE_FAILED (transient: a full disk may have room again later).
 */
export async function writeEmlFile(dir: string, name: string, content: Buffer): Promise<string> {
  const file = join(dir, `${name}.eml`);
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(partial, content);
    await rename(partial, file);
    return file;
  } catch (error) {
    throw new AppError(
      'MAIL_FILE_WRITE_FAILED',
      `The e-mail could not be written to ${dir}.`,
      { dir, permanent: false },
      { cause: error },
    );
  }
}
