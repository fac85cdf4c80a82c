import { AppError } from '@kompetenta/core';

/** A commit request's body, checked for shape (the CMI itself is validated against the data model later). */
export interface CommitBody {
  readonly seq: number;
  readonly cmi: unknown;
}

/**
 * Reads the raw body of a commit: `application/json` (fetch) or `text/plain` (sendBeacon on unload
 * sends the same JSON text with that type, since a beacon cannot set a JSON type without a CORS
 * preflight). Anything else, bad JSON or a bad `seq` is refused before a query is made.
 */
export function readCommitBody(contentType: string | undefined, raw: unknown): CommitBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'text/plain')
    throw new AppError('ATTEMPT_COMMIT_MEDIA_UNSUPPORTED', undefined, { contentType: type || null });
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('ATTEMPT_COMMIT_MALFORMED', 'The commit body is not JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new AppError('ATTEMPT_COMMIT_MALFORMED', 'The commit body is not a JSON object.');
  const { seq, cmi } = parsed as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1)
    throw new AppError('ATTEMPT_COMMIT_MALFORMED', 'seq must be a positive safe integer.', { field: 'seq' });
  if (typeof cmi !== 'object' || cmi === null || Array.isArray(cmi))
    throw new AppError('ATTEMPT_COMMIT_MALFORMED', 'cmi must be an object of CMI elements.', {
      field: 'cmi',
    });
  return { seq, cmi };
}
