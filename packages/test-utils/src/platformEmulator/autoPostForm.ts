function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The page an OIDC provider answers with for `response_mode=form_post`: a form that posts the
 * fields to the redirect URI and a script that submits it at once (a button without script).
 */
export function renderAutoPostForm(action: string, fields: Readonly<Record<string, string>>): string {
  const inputs = Object.entries(fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}">`,
    )
    .join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Skickar vidare</title></head><body><main><h1>Skickar vidare till verktyget</h1>
<form id="launch" method="post" action="${escapeAttribute(action)}">${inputs}<button type="submit">Fortsätt</button></form>
<script>document.getElementById('launch').submit();</script></main></body></html>`;
}

function unescapeAttribute(text: string): string {
  return text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
}

/** Reads back what `renderAutoPostForm` wrote, as a test (or a browser) would submit it. */
export function parseAutoPostForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error('The page has no auto-post form.');
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeAttribute(name ?? '')] = unescapeAttribute(value ?? '');
  }
  return { action: unescapeAttribute(action), fields };
}
