/**
 * The score service URL of a line item: `/scores` appended to the line item's path, before any
 * query string (AGS 2.0 §3.4: a line item URL may carry query parameters, which stay).
 */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
  url.hash = '';
  return url.toString();
}
