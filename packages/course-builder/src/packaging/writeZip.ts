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
 * is complete, so a failed or interrupted build never leaves a partial zip behind.
 */
export async function writeZip(target: string, entries: readonly PackageEntry[]): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await new Promise<void>((resolve, reject) => {
      const zip = new ZipFile();
      for (const entry of entries) zip.addBuffer(entry.data, entry.path, { mtime: fixedTime });
      zip.end();
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
