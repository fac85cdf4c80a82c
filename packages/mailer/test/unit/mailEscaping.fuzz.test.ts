import { expect } from 'chai';
import fc from 'fast-check';
import { createMailRenderer, type MailRequest, type TemplateName } from '../../src/index';
import { exampleData } from './fixtures';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 200 };

/** Markup an attacker puts in a name, an organisation name or a course title. */
const payload = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klicka</a>',
    '{{constructor}}',
    'Rad ett\r\nBcc: evil@example.com',
  ),
  fc.string({ maxLength: 12 }).map((text) => `${text}<svg onload=alert(1)>`),
);
const INJECTED = /<svg onload|<img src=x|<a href="javascript|<script>alert/i;

/** Fields that hold people's or organisations' words, never URLs or dates (those are checked by schema). */
const TEXT_FIELDS = new Set([
  'organisationName',
  'recipientName',
  'courseTitle',
  'courseTitles',
  'eventTitle',
  'place',
  'organiser',
  'name',
  'title',
]);

function withPayload(data: Record<string, unknown>, text: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      !TEXT_FIELDS.has(key)
        ? value
        : Array.isArray(value)
          ? value.map(() => text)
          : typeof value === 'string'
            ? text
            : value,
    ]),
  );
}

describe('mail templates escape hostile names and titles', () => {
  const render = createMailRenderer();
  const templates = Object.keys(exampleData) as TemplateName[];

  it('the HTML part never carries injected markup; the subject is one line', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        fc.constantFrom('sv' as const, 'en' as const),
        payload,
        (template, locale, text) => {
          const data = withPayload(exampleData[template], text);
          const mail = render({ template, locale, to: 'a@example.se', data } as MailRequest);
          expect(INJECTED.test(mail.html), mail.html).to.equal(false);
          expect(mail.subject).to.not.match(/[\r\n]/);
        },
      ),
      fuzz,
    );
  });
});
