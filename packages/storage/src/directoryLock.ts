import { AppError } from '@kompetenta/core';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<directory>/kompetenta.lock` for this process, so a second Kompetenta process cannot open
 * the same embedded database. A lock left by a process that no longer runs is taken over.
 * Returns the function that releases it.
 */
export function acquireDirectoryLock(directory: string): () => void {
  const lockFile = join(directory, 'kompetenta.lock');
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AppError(
          'STORE_DATA_DIR_UNUSABLE',
          `Cannot write in the database directory ${directory}: ${(error as Error).message}`,
          {},
          { cause: error },
        );
      }
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && processIsAlive(owner)) {
        throw new AppError(
          'STORE_DATA_DIR_UNUSABLE',
          `The embedded database in ${directory} is in use by process ${owner}; stop it first (or set DATABASE_URL to use PostgreSQL).`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new AppError('STORE_DATA_DIR_UNUSABLE', `Cannot lock the database directory ${directory}.`);
}
