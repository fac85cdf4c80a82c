import { AppError } from '@kompetenta/core';
import busboy from 'busboy';
import type { Request } from 'express';

/** Largest roster accepted: thousands of rows fit in far less. */
export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

/** A multipart form with at most one file, read into memory (small by the limit above). */
export interface UploadedForm {
  readonly fields: Record<string, string>;
  readonly file: { readonly name: string; readonly bytes: Buffer } | null;
}

/**
 * Reads a `multipart/form-data` body: text fields and one file of at most MAX_ROSTER_BYTES.
 * Anything else (no multipart, a larger file, more files) is EVENT_ROSTER_UNREADABLE.
 */
export function readUpload(req: Request): Promise<UploadedForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: MAX_ROSTER_BYTES, fields: 10, fieldSize: 1024 },
      });
    } catch {
      reject(
        new AppError('EVENT_ROSTER_UNREADABLE', 'Send the roster as a form upload (multipart/form-data).'),
      );
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedForm['file'] = null;
    let problem: AppError | null = null;
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        problem = new AppError(
          'EVENT_ROSTER_UNREADABLE',
          `The file is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB.`,
        );
      });
      stream.on('close', () => {
        if (info.filename) file = { name: info.filename, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on('filesLimit', () => {
      problem = new AppError('EVENT_ROSTER_UNREADABLE', 'Send one file at a time.');
    });
    parser.on('error', () =>
      reject(new AppError('EVENT_ROSTER_UNREADABLE', 'The upload could not be read; send the form again.')),
    );
    parser.on('close', () => (problem ? reject(problem) : resolve({ fields, file })));
    req.pipe(parser);
  });
}
