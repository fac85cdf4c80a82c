import express, { type RequestHandler } from 'express';

/** An error shaped as body-parser's own, so the commit route maps it the same way. */
function aborted(): Error & { status: number; type: string } {
  return Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted' });
}

/**
 * Reads a commit's raw body into `req.body` (a Buffer), at most `limitBytes`. A player's commit
 * (fetch or sendBeacon) declares its length and is not compressed: that body is read here
 * directly, chunk by chunk, which costs a fraction of body-parser's stream pipeline (type check,
 * charset and encoding detection, inflation, events) on the busiest route. Everything else — a
 * declared length over the limit, no declared length (chunked), any `Content-Encoding` but
 * identity — goes to `express.raw` as before, so its answers (413, inflation, unknown encodings)
 * stay body-parser's. Node's HTTP parser ends a body at its declared length, so a body read here
 * cannot exceed the limit.
 */
export function commitBodyReader(limitBytes: number): RequestHandler {
  const fallback = express.raw({ type: () => true, limit: limitBytes });
  return (req, res, next) => {
    const encoding = req.headers['content-encoding'];
    const declared = req.headers['content-length'];
    const length = declared === undefined ? NaN : Number(declared);
    if (
      (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') ||
      !Number.isSafeInteger(length) ||
      length < 0 ||
      length > limitBytes
    ) {
      fallback(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onError);
      if (error) {
        next(error);
        return;
      }
      (req as { body?: unknown }).body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      next();
    };
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onEnd = () => finish();
    const onAborted = () => finish(aborted());
    const onError = (error: Error) => finish(Object.assign(error, { status: 400, type: 'request.aborted' }));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onError);
  };
}
