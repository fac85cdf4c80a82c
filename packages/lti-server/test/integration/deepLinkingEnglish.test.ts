import { LTI_CLAIMS } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import request from 'supertest';
import { createLaunchWorld, instructor, launchThrough, type LaunchWorld } from './launchHarness';

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) {
    fields[name ?? ''] = value ?? '';
  }
  return fields;
}

describeEachEngine('LTI Deep Linking picker language', (database) => {
  let world: LaunchWorld;
  before(async () => {
    world = await createLaunchWorld(database());
  });
  after(() => world.close());

  async function openPicker(hint: string, locale: string | undefined) {
    world.emulator.prepareLaunch(hint, {
      user: instructor(),
      deepLinking: { acceptMultiple: false },
      claims:
        locale === undefined
          ? {}
          : { [LTI_CLAIMS.launchPresentation]: { locale, document_target: 'iframe' } },
    });
    const res = await launchThrough(world, request.agent(world.app), hint);
    expect(res.status, res.text).to.equal(200);
    return res.text;
  }

  it('speaks English when launch_presentation.locale starts with en, through a refused pick to the return page', async () => {
    const picker = await openPicker('dl-en', 'en-GB');
    expect(picker)
      .to.contain('<html lang="en">')
      .and.contain('Choose a course')
      .and.contain('Courses (choose one)')
      .and.contain('(about 45 minutes, 2 lessons)')
      .and.contain('>Add</button>')
      .and.not.contain('Välj');
    const first = hiddenFields(picker);
    expect(first.lang).to.equal('en');

    const refused = await request(world.app)
      .post('/lti/deep-linking')
      .type('form')
      .send({ token: first.token, lang: 'en' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('<html lang="en">').and.contain('Choose at least one course.');

    const again = hiddenFields(refused.text);
    const done = await request(world.app)
      .post('/lti/deep-linking')
      .type('form')
      .send({ token: again.token, lang: again.lang, course: 'handledare' });
    expect(done.status).to.equal(200);
    expect(done.text)
      .to.contain('<html lang="en">')
      .and.contain('The course is being sent to the learning platform.')
      .and.contain('Continue to the learning platform');
  });

  it('stays Swedish for a Swedish locale or none', async () => {
    for (const [hint, locale] of [
      ['dl-sv', 'sv-SE'],
      ['dl-none', undefined],
    ] as const) {
      const picker = await openPicker(hint, locale);
      expect(picker, hint)
        .to.contain('<html lang="sv">')
        .and.contain('Välj kurs')
        .and.contain('(cirka 45 minuter, 2 lektioner)');
      expect(hiddenFields(picker).lang).to.equal('sv');
    }
  });
});
