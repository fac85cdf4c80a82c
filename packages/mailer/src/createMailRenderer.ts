import { AppError } from '@kompetenta/core';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailLocale, MailRequest, TemplateName } from './mailSchemas';
import { palette } from './palette';
import { templateHelpers } from './templateHelpers';

/** An e-mail ready for the transport. */
export interface RenderedMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** The opt-out link, for the List-Unsubscribe header (reminders only). */
  readonly unsubscribeUrl: string | undefined;
}

/** The template files shipped with this package: `<locale>/<template>.html.hbs` and `.txt`, subjects.json. */
export const defaultTemplatesDir = join(__dirname, '..', 'templates');

type Compiled = (context: object) => string;

/**
 * Text parts are plain `.txt` files (still handlebars): a `.hbs` name would let Prettier's
 * handlebars formatter reflow them as if they were HTML.
 */
const partExtension = { html: '.html.hbs', text: '.txt' } as const;

/**
 * Creates a renderer that compiles each template file on first use and keeps it. HTML parts are
 * escaped by handlebars; text parts and subjects are not (they are not HTML), and subjects are
 * folded onto one line.
 */
export function createMailRenderer(
  templatesDir: string = defaultTemplatesDir,
): (request: MailRequest) => RenderedMail {
  const cache = new Map<string, Compiled>();
  const environments = new Map<MailLocale, typeof Handlebars>();

  function environment(locale: MailLocale): typeof Handlebars {
    const existing = environments.get(locale);
    if (existing) return existing;
    // One isolated handlebars per locale, so each locale's date helpers format in its language.
    const handlebars = Handlebars.create();
    const helpers = templateHelpers(
      locale,
      (value) => handlebars.escapeExpression(value),
      (html) => new handlebars.SafeString(html),
    );
    for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, helper);
    environments.set(locale, handlebars);
    return handlebars;
  }

  function read(file: string): string {
    try {
      return readFileSync(join(templatesDir, file), 'utf8');
    } catch (error) {
      throw new AppError(
        'MAIL_TEMPLATE_MISSING',
        `The e-mail template ${file} cannot be read.`,
        { file },
        { cause: error },
      );
    }
  }

  function compiled(locale: MailLocale, key: string, load: () => string, escape: boolean): Compiled {
    const cacheKey = `${locale}/${key}`;
    let template = cache.get(cacheKey);
    if (!template) {
      template = environment(locale).compile(load(), { noEscape: !escape, strict: false });
      cache.set(cacheKey, template);
    }
    return template;
  }

  function subjectTemplate(locale: MailLocale, name: TemplateName): Compiled {
    return compiled(
      locale,
      `subject:${name}`,
      () => {
        const subjects = JSON.parse(read(`${locale}/subjects.json`)) as Record<string, unknown>;
        const subject = subjects[name];
        if (typeof subject !== 'string') {
          throw new AppError('MAIL_TEMPLATE_MISSING', `${locale}/subjects.json has no subject for ${name}.`);
        }
        return subject;
      },
      false,
    );
  }

  return (request) => {
    const { locale, template, data } = request;
    const unsubscribeUrl = 'unsubscribeUrl' in data ? data.unsubscribeUrl : undefined;
    const subject = subjectTemplate(locale, template)(data).replace(/\s+/g, ' ').trim();
    const context = { ...data, locale, subject, colours: palette, unsubscribeUrl };
    const part = (kind: 'html' | 'text') => {
      const escape = kind === 'html';
      const file = (name: string) => `${locale}/${name}${partExtension[kind]}`;
      const body = compiled(locale, `${template}.${kind}`, () => read(file(template)), escape);
      const layout = compiled(locale, `layout.${kind}`, () => read(file('layout')), escape);
      return layout({ ...context, body: body(context) });
    };
    // Prettier's handlebars formatter drops the doctype from template files, so it is added here.
    const html = `<!DOCTYPE html>\n${part('html')}`;
    // The "-- " before the footer is the usual signature separator; the space belongs to it.
    const text = part('text')
      .replace(/(?<!^--)[ \t]+\n/gm, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { subject, html, text: `${text}\n`, unsubscribeUrl };
  };
}
