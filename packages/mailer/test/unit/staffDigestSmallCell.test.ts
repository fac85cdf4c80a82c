import { expect } from 'chai';
import { createMailer } from '../../src/index';
import { exampleData, exampleRequest } from './fixtures';

describe('staff digest: a small number of completions', () => {
  const mailer = createMailer({ outboxDir: '/nonexistent/never-written', from: 'kurser@kompetenta.example' });

  for (const [locale, shown, hidden] of [
    ['sv', 'Nya avslutade kurser den här veckan: 7.', 'den här veckan: färre än 5 (små tal visas inte'],
    ['en', 'New completed courses this week: 7.', 'this week: fewer than 5 (small numbers are not shown'],
  ] as const) {
    it(`says "fewer than k" instead of the number when it was a small cell (${locale})`, () => {
      expect(mailer.render(exampleRequest('staffDigest', locale)).text).to.include(shown);
      const small = mailer.render({
        ...exampleRequest('staffDigest', locale),
        data: { ...exampleData.staffDigest, newCompletions: 0, newCompletionsBelow: 5 },
      });
      expect(small.text).to.include(hidden).and.not.include(': 0.');
      expect(small.html.replace(/\s+/g, ' ')).to.include(hidden);
    });
  }

  it('refuses a threshold below 2 (that would hide nothing)', () => {
    expect(() =>
      mailer.render({
        ...exampleRequest('staffDigest', 'sv'),
        data: { ...exampleData.staffDigest, newCompletionsBelow: 1 },
      }),
    ).to.throw(/newCompletionsBelow/);
  });
});
