/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** HTML that is already escaped; only the page modules make it. */
export interface Html {
  readonly html: string;
}

/** Tagged template that escapes every interpolated value unless it is already Html. */
export function html(
  strings: TemplateStringsArray,
  ...values: readonly (string | number | Html | readonly Html[])[]
): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const part =
      typeof value === 'object'
        ? 'html' in value
          ? value.html
          : value.map((item) => item.html).join('')
        : escapeHtml(String(value));
    out += part + (strings[index + 1] ?? '');
  });
  return { html: out };
}

export const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}' +
  'header,footer{color:#444;font-size:.95rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}' +
  'a{color:#0b5394}a:focus,button:focus{outline:3px solid #0b5394;outline-offset:2px}.code{font-family:monospace}';

/** The page frame's own words, in the languages pages come in. */
const FRAME_TEXTS = {
  sv: {
    signedInAs: 'Inloggad som',
    skipToContent: 'Hoppa till innehållet',
    footer: 'Kompetenta – utbildningar för handledare och organisationer i den sociala ekonomin.',
  },
  en: {
    signedInAs: 'Signed in as',
    skipToContent: 'Skip to content',
    footer: 'Kompetenta – training for mentors and organisations in the social economy.',
  },
} as const;

/** What one page puts in the frame every Kompetenta page shares. */
export interface PageFrame {
  readonly lang: 'sv' | 'en';
  /** The document title (before "– Kompetenta"). */
  readonly title: string;
  /** The one h1. */
  readonly heading: string;
  readonly main: Html;
  /** After the product name in the header: who is signed in, a menu, sign-out. */
  readonly header?: Html;
  /** CSS after the shared style. */
  readonly style?: string;
}

/**
 * The one page layout of Kompetenta's HTML pages (LTI pages, first-party pages, the dashboard):
 * language set, a skip link, landmarks (header, main, footer), exactly one h1, the shared style,
 * readable without CSS. The player page has its own full-height frame (playerPage.ts).
 */
export function layoutPage(frame: PageFrame): string {
  return html`<!doctype html>
    <html lang="${frame.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} – Kompetenta</title>
        <style>
          ${{ html: STYLE + (frame.style ?? '') }}
        </style>
      </head>
      <body>
        <a href="#innehall">${FRAME_TEXTS[frame.lang].skipToContent}</a>
        <header>
          <p>Kompetenta</p>
          ${frame.header ?? html``}
        </header>
        <main id="innehall">
          <h1>${frame.heading}</h1>
          ${frame.main}
        </main>
        <footer>
          <p>${FRAME_TEXTS[frame.lang].footer}</p>
        </footer>
      </body>
    </html>`.html;
}

/**
 * An LTI page, in Swedish unless `lang` says English, with who is signed in when known. Pages come
 * from the launch, so they are never cached.
 */
export function page(
  title: string,
  heading: string,
  main: Html,
  signedInAs?: string,
  lang: 'sv' | 'en' = 'sv',
): string {
  const header = signedInAs ? html`<p>${FRAME_TEXTS[lang].signedInAs} ${signedInAs}</p>` : undefined;
  return layoutPage({ lang, title, heading, main, ...(header ? { header } : {}) });
}
