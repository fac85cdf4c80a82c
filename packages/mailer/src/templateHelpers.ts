import type { HelperDelegate, HelperOptions } from 'handlebars';
import { palette } from './palette';
import type { MailLocale } from './mailSchemas';

/** Dates are shown in Swedish time whatever the server's zone. */
const timeZone = 'Europe/Stockholm';
const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/** `{{date value}}`: a calendar date (2026-03-01) or the date part of a moment, spelled out. */
function formatDate(locale: MailLocale, value: unknown): string {
  const text = String(value);
  // A calendar date has no time zone: format it as the same day everywhere.
  const zone = calendarDate.test(text) ? 'UTC' : timeZone;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: zone }).format(new Date(text));
}

/** `{{dateTime value}}`: date and time of day in Swedish time. */
function formatDateTime(locale: MailLocale, value: unknown): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
    new Date(String(value)),
  );
}

/** `{{percent part whole}}`: 45 % in Swedish, 45% in English. */
function formatPercent(locale: MailLocale, part: unknown, whole: unknown): string {
  const ratio = Number(whole) > 0 ? Number(part) / Number(whole) : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/**
 * The helpers of one locale. `linkButton` wraps its block in a link styled as a button; its text
 * is the block's content, so every link says where it goes (WCAG 2.4.4), never "click here".
 */
export function templateHelpers(
  locale: MailLocale,
  escape: (value: string) => string,
  safe: (html: string) => unknown,
): Record<string, HelperDelegate> {
  return {
    date: (value: unknown) => formatDate(locale, value),
    dateTime: (value: unknown) => formatDateTime(locale, value),
    percent: (part: unknown, whole: unknown) => formatPercent(locale, part, whole),
    linkButton(this: unknown, url: unknown, options: HelperOptions) {
      const style = [
        'display:inline-block',
        'padding:12px 20px',
        `background-color:${palette.button}`,
        `color:${palette.buttonText}`,
        'font-weight:bold',
        'text-decoration:underline',
        'border-radius:4px',
      ].join(';');
      return safe(`<a href="${escape(String(url))}" style="${style}">${options.fn(this)}</a>`);
    },
  };
}
