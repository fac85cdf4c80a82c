import express, { type RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';

/** An error shaped as body-parser's own, so the commit route maps it the same way. */
function aborted(): Error & { status: number; type: string } {
  return Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted' });
}

/**
 * Whether a commit's body can be read by {@link readDeclaredBody}: a player's commit (fetch or
 * sendBeacon) declares its length, at most `limitBytes`, and is not compressed. Anything else —
 * a declared length over the limit, no declared length (chunked), any `Content-Encoding` but
 * identity — is body-parser's (`express.raw`), so its answers (413, inflation, unknown
 * encodings) stay body-parser's.
 */
export function hasDeclaredBody(req: IncomingMessage, limitBytes: number): boolean {
  const encoding = req.headers['content-encoding'];
  const declared = req.headers['content-length'];
  const length = declared === undefined ? NaN : Number(declared);
  return (
    (encoding === undefined || encoding.trim().toLowerCase() === 'identity') &&
    Number.isSafeInteger(length) &&
    length >= 0 &&
    length <= limitBytes
  );
}

/**
 * Reads a body that {@link hasDeclaredBody} accepted, chunk by chunk: a fraction of body-parser's
 * stream pipeline (type check, charset and encoding detection, inflation, events) on the busiest
 * route. Node's HTTP parser ends a body at its declared length, so it cannot exceed the limit.
 * Rejects as body-parser does when the client goes away mid-body.
 */
export function readDeclaredBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const finish = (error?: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onError);
      if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onEnd = () => finish();
    const onAborted = () => finish(aborted());
    const onError = (error: Error) => finish(Object.assign(error, { status: 400, type: 'request.aborted' }));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onError);
  });
}

/**
 * Reads a commit's raw body into `req.body` (a Buffer), at most `limitBytes`: directly when
 * {@link hasDeclaredBody}, through `express.raw` otherwise.
 */
export function commitBodyReader(limitBytes: number): RequestHandler {
  const fallback = express.raw({ type: () => true, limit: limitBytes });
  return (req, res, next) => {
    if (!hasDeclaredBody(req, limitBytes)) {
      fallback(req, res, next);
      return;
    }
    readDeclaredBody(req).then((body) => {
      (req as { body?: unknown }).body = body;
      next();
    }, next);
  };
}
