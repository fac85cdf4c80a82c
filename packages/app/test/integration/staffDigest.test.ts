import type { Stores } from '@kompetenta/core';
import { KnexReportingStore } from '@kompetenta/storage';
import { describeEachEngine, ManualClock } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { isoWeekOf } from '@kompetenta/lti-server/internal';
import { startStandaloneJobs } from '../../src/standaloneJobs';
import { smtpOutbox } from '../support/smtpOutbox';

const PUBLIC_URL = 'https://kompetenta.test';
const DAY_SECONDS = 86_400;

/** One standalone learner who completed a course just now (a completion of "last week" below). */
async function oneCompletion(stores: Stores): Promise<void> {
  const organisation = await stores.organisations.create({ name: 'Byaföreningen Norrby' });
  const person = await stores.people.upsertByEmail({
    organisationId: organisation.id,
    email: 'klar@example.se',
    name: 'Klara Klar',
  });
  const version = await stores.courses.registerVersion({
    courseSlug: 'handledarutbildning',
    courseTitle: 'Handledarutbildning',
    version: '1.0.0',
    trackingMajor: 1,
    contentHash: 'sha256-digest-test',
    outline: {
      title: 'Handledarutbildning',
      masteryScore: 80,
      lessons: [{ id: 'l1', title: 'Ett', minutes: 30 }],
    },
  });
  const attempt = await stores.attempts.create({
    organisationId: organisation.id,
    personId: person.id,
    courseVersionId: version.id,
    scormVersion: '2004',
  });
  await stores.attempts.applyCommit({
    attemptId: attempt.id,
    organisationId: organisation.id,
    seq: 1,
    cmi: { 'cmi.completion_status': 'completed' },
    completionStatus: 'completed',
    successStatus: 'unknown',
    scoreScaled: null,
    totalTimeSeconds: 600,
  });
}

describeEachEngine('the weekly staff digest', (database) => {
  it('goes once per ISO week to each programme staff person who has not opted out, through SMTP', async () => {
    const stores = database().stores;
    const mail = await smtpOutbox(stores.outbox);
    try {
      const programme = await stores.access.programmeOrganisation();
      const staff = await stores.people.upsertByEmail({
        organisationId: programme.id,
        email: 'siv@example.se',
        name: 'Siv Stab',
      });
      await stores.access.grant(staff.id, 'programme_staff');
      const quiet = await stores.people.upsertByEmail({
        organisationId: programme.id,
        email: 'olle@example.se',
      });
      await stores.access.grant(quiet.id, 'programme_staff');
      await stores.mailPreferences.optOut(quiet.id, new Date());
      const other = await stores.organisations.create({ name: 'Studieförbundet Väst' });
      const admin = await stores.people.upsertByEmail({
        organisationId: other.id,
        email: 'admin@example.se',
      });
      await stores.access.grant(admin.id, 'org_admin');
      await oneCompletion(stores);

      // A week from now, so "last week" holds the completion above.
      const clock = new ManualClock(Date.now() + 7 * DAY_SECONDS * 1000);
      const jobs = () =>
        startStandaloneJobs({
          stores,
          logger: pino({ level: 'silent' }),
          publicUrl: PUBLIC_URL,
          reminderDays: [],
          secret: randomBytes(32),
          reporting: new KnexReportingStore(database().knex),
          clock,
          start: false,
        });
      const digestKeys = async () =>
        (await stores.outbox.list({ topic: 'mail', limit: 10_000 }))
          .map((row) => row.idempotencyKey)
          .filter((key) => key.startsWith('staff-digest:'))
          .sort();

      const first = jobs();
      await first.runOnce();
      clock.advanceSeconds(3600);
      await first.runOnce();
      await jobs().runOnce(); // another instance, or a restart, in the same week
      const week = isoWeekOf(clock.now()).key;
      expect(await digestKeys()).to.deep.equal([`staff-digest:${week}:${staff.id}`]);

      await mail.deliver();
      const [digest, ...more] = mail.received('staff-digest:');
      expect(more).to.have.length(0);
      expect(digest!.envelope.to).to.deep.equal(['siv@example.se']);
      expect(digest!.parsed.subject).to.equal(`Veckans lägesrapport för ${programme.name}`);
      const text = digest!.parsed.text ?? '';
      // Only targets the dashboard shows with a number and a goal; untracked ones are left out.
      expect(text)
        .to.include('Hej Siv Stab!')
        .and.include('- Handledare och andra utbildade: 1 / 200')
        .and.include('- Nätverks- och anordnarträffar: 0 / 2')
        // One completion is below the small-cell threshold: not shown as a number.
        .and.include('Nya avslutade kurser den här veckan: färre än 5');
      expect(text).not.to.include('Organisationer tillfrågade');
      expect(text).to.include(`${PUBLIC_URL}/dashboard`);
      expect(digest!.parsed.html).to.include('<caption').and.include(`href="${PUBLIC_URL}/dashboard"`);

      clock.advanceSeconds(7 * DAY_SECONDS);
      await first.runOnce();
      const nextWeek = isoWeekOf(clock.now()).key;
      expect(nextWeek).not.to.equal(week);
      expect(await digestKeys()).to.deep.equal(
        [`staff-digest:${week}:${staff.id}`, `staff-digest:${nextWeek}:${staff.id}`].sort(),
      );
      await mail.deliver();
      expect(mail.received('staff-digest:')).to.have.length(2);
      // Nothing was completed in the second week.
      expect(mail.received(`staff-digest:${nextWeek}:`)[0]!.parsed.text).to.include(
        'Nya avslutade kurser den här veckan: 0.',
      );
    } finally {
      await mail.stop();
    }
  });

  it('numbers ISO weeks in Swedish time, across a year end', () => {
    expect(isoWeekOf(new Date('2026-12-31T12:00:00Z'))).to.deep.equal({
      key: '2026-W53',
      monday: '2026-12-28',
    });
    // Sunday 23:30 in Stockholm is still week 53; half an hour later it is Monday of week 1.
    expect(isoWeekOf(new Date('2027-01-03T22:30:00Z'))).to.deep.equal({
      key: '2026-W53',
      monday: '2026-12-28',
    });
    expect(isoWeekOf(new Date('2027-01-03T23:30:00Z'))).to.deep.equal({
      key: '2027-W01',
      monday: '2027-01-04',
    });
    expect(isoWeekOf(new Date('2026-03-01T22:59:00Z'))).to.deep.equal({
      key: '2026-W09',
      monday: '2026-02-23',
    });
  });
});
