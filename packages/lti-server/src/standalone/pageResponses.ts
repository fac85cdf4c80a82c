import type { Request, Response } from 'express';

/** Answers with a whole HTML page about signed-in people's data: never stored by a cache. */
export function sendPrivatePage(res: Response, page: string, status = 200): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(page);
}

/**
 * The two counts a form's 303 redirect brings back to its page (`?inbjudna=3&redan=1`), when the
 * first is given and both are whole numbers; otherwise undefined (no notice to show).
 */
export function countsFromQuery(
  query: Request['query'],
  first: string,
  second: string,
): readonly [number, number] | undefined {
  const a = Number(query[first]);
  const b = Number(query[second]);
  return query[first] !== undefined && Number.isInteger(a) && Number.isInteger(b) ? [a, b] : undefined;
}
