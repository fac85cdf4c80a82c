import { expect } from 'chai';
import { createMailer, mailLocales, mailOutboxMessage, templateNames, type Mailer } from '../../src/index';
import { palette } from '../../src/palette';
import { exampleData, exampleRequest, linksIn } from './fixtures';

/** WCAG 2.1 relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const c = parseInt(hex.slice(at, at + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('mail templates', () => {
  let mailer: Mailer;
  before(() => {
    mailer = createMailer({ outboxDir: '/nonexistent/never-written', from: 'kurser@kompetenta.example' });
  });

  for (const template of templateNames) {
    for (const locale of mailLocales) {
      it(`${template} (${locale}): subject, lang, one h1, both parts carry every link with descriptive text`, () => {
        const mail = mailer.render(exampleRequest(template, locale));
        expect(mail.subject)
          .to.match(/\S/)
          .and.not.match(/[\r\n]/);
        expect(mail.html).to.match(/^<!DOCTYPE html>\n<html lang='(sv|en)'/);
        expect(mail.html).to.include(`<html lang='${locale}'`);
        expect(mail.html).to.include(`<title>${mail.subject.replace(/&/g, '&amp;')}</title>`);
        expect(mail.html.match(/<h1[\s>]/g)).to.have.length(1);
        expect(mail.html, 'no images: readable without them').not.to.match(/<img/i);
        expect(mail.html, 'organisation named').to.include(exampleData[template].organisationName);
        const links = linksIn(mail.html);
        expect(links.length).to.be.greaterThan(0);
        for (const link of links) {
          expect(link.href).to.match(/^https:\/\//);
          expect(
            link.text.split(' ').length,
            `link text "${link.text}" says where it goes`,
          ).to.be.greaterThan(2);
          expect(mail.text, 'the text part has the same link').to.include(link.href);
        }
        expect(mail.text).not.to.match(/<[a-z]/i);
        expect(mail.text).not.to.include('{{');
      });
    }
  }

  it('writes Swedish dates and times in Swedish time', () => {
    const mail = mailer.render(exampleRequest('eventInvitation', 'sv'));
    expect(mail.subject).to.equal('Inbjudan: Nätverksträff i Umeå den 14 april 2026');
    expect(mail.text).to.include('När: 14 april 2026 kl. 09:30 till 14 april 2026 kl. 16:00');
    expect(mailer.render(exampleRequest('staffDigest', 'sv')).text).to.include(
      'Utbildade handledare: 45 / 100 (45\u00a0%)',
    );
  });

  it('puts an opt-out link on reminders only', () => {
    const reminder = mailer.render(exampleRequest('reminder', 'sv'));
    expect(reminder.unsubscribeUrl).to.equal(exampleData.reminder.unsubscribeUrl);
    expect(linksIn(reminder.html).map((link) => link.text)).to.include('Sluta få påminnelser om kurser');
    expect(mailer.render(exampleRequest('completion', 'sv')).unsubscribeUrl).to.equal(undefined);
    expect(mailer.render(exampleRequest('completion', 'sv')).html).not.to.include('påminnelser om kurser');
  });

  it('escapes what people typed in the HTML part, and keeps it as typed in the text part', () => {
    const request = exampleRequest('invitation', 'en');
    const mail = mailer.render({
      ...request,
      data: { ...exampleData.invitation, organisationName: 'Kvinnor & Män <i>i</i> samverkan' },
    });
    expect(mail.html).to.include('Kvinnor &amp; Män &lt;i&gt;i&lt;/i&gt; samverkan');
    expect(mail.text).to.include('Kvinnor & Män <i>i</i> samverkan has invited you');
  });

  it('uses colours with at least 4.5:1 contrast for text and 3:1 for rules', () => {
    expect(contrast(palette.text, palette.background)).to.be.at.least(4.5);
    expect(contrast(palette.muted, palette.background)).to.be.at.least(4.5);
    expect(contrast(palette.link, palette.background)).to.be.at.least(4.5);
    expect(contrast(palette.buttonText, palette.button)).to.be.at.least(4.5);
    expect(contrast(palette.rule, palette.background)).to.be.at.least(3);
  });
});

describe('mail request validation', () => {
  const mailer = createMailer({ outboxDir: '/nonexistent', from: 'kurser@kompetenta.example' });

  it('names every bad field in one MAIL_MESSAGE_INVALID error, marked permanent', () => {
    const request = {
      template: 'invitation',
      locale: 'de',
      to: 'not-an-address',
      data: { organisationName: ' ', signInUrl: 'javascript:alert(1)', expiresAt: 'tomorrow', colour: 'red' },
    };
    try {
      mailer.render(request);
      expect.fail('render accepted bad data');
    } catch (error) {
      expect(error).to.include({ code: 'MAIL_MESSAGE_INVALID' });
      const { details, message } = error as {
        details: { problems: { field: string }[]; permanent: boolean };
        message: string;
      };
      expect(details.permanent).to.equal(true);
      expect(details.problems.map((problem) => problem.field)).to.have.members([
        'locale',
        'to',
        'data.organisationName',
        'data.signInUrl',
        'data.expiresAt',
        'data',
      ]);
      expect(message).to.include('data.signInUrl: must be an https:// or http:// link');
      expect(message).to.include('Unrecognized key: "colour"');
    }
  });

  it('rejects an unknown template by name', () => {
    expect(() => mailer.render({ template: 'newsletter', locale: 'sv', to: 'a@example.se', data: {} }))
      .to.throw(/template: must be one of invitation, signInLink, reminder/)
      .with.property('code', 'MAIL_MESSAGE_INVALID');
  });

  it('validates before enqueueing, and turns a request into a mail outbox message', () => {
    const message = mailOutboxMessage(exampleRequest('completion', 'sv'), 'completion:attempt-1', 'org-1');
    expect(message).to.deep.include({
      topic: 'mail',
      idempotencyKey: 'completion:attempt-1',
      organisationId: 'org-1',
    });
    expect(message.payload).to.deep.equal(exampleRequest('completion', 'sv'));
    expect(() => mailOutboxMessage({ template: 'completion' }, 'k')).to.throw(/data/);
  });

  it('refuses a sender that is not a plain address and an SMTP_URL that is not smtp(s)', () => {
    expect(() => createMailer({ outboxDir: '/x', from: 'Kompetenta <k@example.se>' })).to.throw(/MAIL_FROM/);
    expect(() => createMailer({ outboxDir: '/x', from: 'k@example.se', smtpUrl: 'http://mail.example.se' }))
      .to.throw(/smtp:\/\/ or smtps:\/\/, not http:/)
      .with.property('code', 'MAIL_CONFIG_INVALID');
    expect(() => createMailer({ outboxDir: '/x', from: 'k@example.se', smtpUrl: 'smtp://user:secret@' }))
      .to.throw()
      .with.property('message')
      .that.does.not.include('secret');
  });
});
