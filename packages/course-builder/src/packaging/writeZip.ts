import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { ZipFile } from 'yazl';
import { AppError } from '@kompetenta/core';

/** A file to put in a package: its path inside the zip and its bytes. */
export interface PackageEntry {
  readonly path: string;
  readonly data: Buffer;
}

/** A fixed modification time, so the same source gives byte-identical zips. */
const fixedTime = new Date('2020-01-01T00:00:00Z');

/**
 * Writes a zip through a temporary file in the same folder and renames it into place only when it
 * is complete, so a failed or interrupted build never leaves a partial zip behind. `comment` is
 * the zip comment (ASCII; the package stamp, see packageStamp.ts).
 */
export async function writeZip(
  target: string,
  entries: readonly PackageEntry[],
  options: { comment?: string } = {},
): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  // Random, not only the pid: two containers sharing a volume can both be pid 1, and two app
  // instances starting together build the same zip at the same time.
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const zip = new ZipFile();
      for (const entry of entries) zip.addBuffer(entry.data, entry.path, { mtime: fixedTime });
      zip.end({ forceZip64Format: false, comment: options.comment ?? '' });
      const out = createWriteStream(temp);
      out.on('error', reject);
      out.on('close', resolve);
      zip.outputStream.on('error', reject).pipe(out);
    });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new AppError(
      'COURSE_PACKAGE_WRITE_FAILED',
      `${target}: ${(error as Error).message}`,
      { target },
      { cause: error },
    );
  }
}
