import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** One file of a built package, as its central directory describes it. */
export interface BuiltPackageEntry {
  readonly path: string;
  /** Uncompressed size in bytes. */
  readonly size: number;
  /**
   * A strong HTTP entity tag (quoted): the package stamp (or the zip's identity when it has none),
   * the entry's CRC-32 and size. Equal tags mean equal bytes, because equal stamps mean a
   * byte-identical build.
   */
  readonly etag: string;
}

/** An entry opened for reading. The caller consumes or destroys the stream. */
export interface OpenedPackageEntry extends BuiltPackageEntry {
  readonly stream: Readable;
}

interface IndexedZip {
  /** Device, inode, size and mtime: a rebuilt zip (a new file renamed into place) has another. */
  readonly identity: string;
  readonly zip: yauzl.ZipFile;
  readonly comment: string;
  readonly entries: ReadonlyMap<string, { readonly entry: yauzl.Entry; readonly info: BuiltPackageEntry }>;
}

async function identityOf(zipPath: string): Promise<string | null> {
  try {
    const info = await stat(zipPath);
    return info.isFile() ? `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}` : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function indexZip(zipPath: string, identity: string): Promise<IndexedZip> {
  // autoClose false: the file stays open for serving entries; strictFileNames refuses backslashes.
  const zip = await yauzl.openPromise(zipPath, {
    lazyEntries: true,
    autoClose: false,
    validateEntrySizes: true,
    strictFileNames: true,
  });
  try {
    const tag = createHash('sha256')
      .update(zip.comment || identity)
      .digest('hex')
      .slice(0, 16);
    const entries = new Map<string, { entry: yauzl.Entry; info: BuiltPackageEntry }>();
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue; // a folder, not a file
      const crc = (entry.crc32 >>> 0).toString(16).padStart(8, '0');
      const info = {
        path: entry.fileName,
        size: entry.uncompressedSize,
        etag: `"${tag}-${crc}-${entry.uncompressedSize.toString(16)}"`,
      };
      entries.set(entry.fileName, { entry, info });
    }
    return { identity, zip, comment: zip.comment, entries };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/**
 * Serves the files of built package zips without unpacking them, so what a browser gets is exactly
 * what the zip holds. Each zip's central directory is read once and kept with the open file; every
 * call checks the zip's inode, size and mtime, so a zip rebuilt (renamed into place) is re-indexed,
 * while streams already reading the old one finish from the old file. One reader per process.
 */
export class BuiltPackageReader {
  private readonly zips = new Map<string, Promise<IndexedZip>>();

  /** The zip's comment (the package stamp), or null when there is no zip at that path. */
  async comment(zipPath: string): Promise<string | null> {
    return (await this.indexed(zipPath))?.comment ?? null;
  }

  /** Every file of the zip, or null when there is no zip at that path. */
  async entries(zipPath: string): Promise<readonly BuiltPackageEntry[] | null> {
    const indexed = await this.indexed(zipPath);
    return indexed ? [...indexed.entries.values()].map((item) => item.info) : null;
  }

  /**
   * One file of the zip, ready to read; null when the zip or the file does not exist. The stream
   * is lazy: nothing is read or inflated until it is first read, so an answer that sends no body
   * (a 304, a HEAD) costs only the lookup; destroy it then.
   */
  async open(zipPath: string, entryPath: string): Promise<OpenedPackageEntry | null> {
    const indexed = await this.indexed(zipPath);
    const found = indexed?.entries.get(entryPath);
    if (!indexed || !found) return null;
    const stream = lazyReadable(async () => {
      try {
        return await indexed.zip.openReadStreamPromise(found.entry);
      } catch (error) {
        // A rebuild re-indexed (and closed) this zip after the lookup: read the new one, but only
        // when it holds the same bytes (same tag), since size and tag may already have been sent.
        if (indexed.zip.isOpen) throw error;
        const again = await this.open(zipPath, entryPath);
        if (!again || again.etag !== found.info.etag) throw error;
        return again.stream;
      }
    });
    return { ...found.info, stream };
  }

  /** Reads one file of the zip into memory; null when the zip or the file does not exist. */
  async read(zipPath: string, entryPath: string): Promise<Buffer | null> {
    const opened = await this.open(zipPath, entryPath);
    if (!opened) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Closes every zip; streams still reading finish first (yauzl counts its readers). */
  async close(): Promise<void> {
    const open = [...this.zips.values()];
    this.zips.clear();
    for (const result of await Promise.allSettled(open)) {
      if (result.status === 'fulfilled') result.value.zip.close();
    }
  }

  private async indexed(zipPath: string): Promise<IndexedZip | null> {
    const identity = await identityOf(zipPath);
    const cached = this.zips.get(zipPath);
    if (cached) {
      const current = await cached.catch(() => undefined);
      if (current && current.identity === identity) return current;
      // The promise may have been replaced while we waited; only the one we saw is evicted.
      if (this.zips.get(zipPath) === cached) {
        this.zips.delete(zipPath);
        current?.zip.close();
      }
    }
    if (identity === null) return null;
    let pending = this.zips.get(zipPath);
    if (!pending) {
      pending = indexZip(zipPath, identity);
      this.zips.set(zipPath, pending);
      // A zip that cannot be read is not cached: the next call tries again.
      pending.catch(() => {
        if (this.zips.get(zipPath) === pending) this.zips.delete(zipPath);
      });
    }
    return pending;
  }
}

/** A Readable that calls `open` on its first read and passes the opened stream through. */
function lazyReadable(open: () => Promise<Readable>): Readable {
  let source: Readable | undefined;
  const out = new Readable({
    read() {
      if (source) {
        source.resume();
        return;
      }
      open().then(
        (opened) => {
          source = opened;
          if (out.destroyed) return void opened.destroy();
          opened.on('data', (chunk: Buffer) => {
            if (!out.push(chunk)) opened.pause();
          });
          opened.once('end', () => out.push(null));
          opened.once('error', (error) => out.destroy(error));
        },
        (error: unknown) => out.destroy(error as Error),
      );
    },
    destroy(error, callback) {
      source?.destroy();
      callback(error);
    },
  });
  return out;
}
