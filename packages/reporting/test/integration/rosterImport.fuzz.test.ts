import { isAppError, type Organisation, type ProgrammeEvent } from '@kompetenta/core';
import type { Database } from '@kompetenta/storage';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import fc from 'fast-check';
import { importCheckedRoster, validateRoster } from '../../src/index';
import { readCsvRoster } from '../../src/roster/readRoster';
import { csvRoster, ORGANISATION } from '../unit/rosterArbitraries';

/** Fixed seed: a failure prints it with the shrunk counterexample, and reruns reproduce it. */
const fuzz = { seed: 20261128, numRuns: 40 };

/** Everything an import may write. */
async function snapshot(db: Database, organisationId: string, eventId: string) {
  return {
    people: await db.stores.people.list(organisationId),
    attendance: await db.stores.events.listAttendance(eventId),
    audit: await db.stores.audit.list({ action: 'attendance.import' }),
  };
}

describeEachEngine('roster import under fuzzing', (database) => {
  let organisation: Organisation;
  let event: ProgrammeEvent;
  before(async () => {
    organisation = await database().stores.organisations.create({ name: ORGANISATION });
    event = await database().stores.events.create({
      type: 'natverkstraff',
      title: 'Träff',
      startsAt: new Date('2026-03-12T08:00Z'),
      hours: 3,
    });
  });

  it('imports nothing from a roster with any bad row, and names every bad row', async () => {
    const before = await snapshot(database(), organisation.id, event.id);
    await fc.assert(
      fc.asyncProperty(
        csvRoster.filter((roster) => roster.badRows.length > 0),
        async (roster) => {
          const check = validateRoster(readCsvRoster(roster.bytes), { organisationName: ORGANISATION });
          const target = { event, organisation, now: new Date(), actor: 'fuzz', file: 'fuzz.csv' };
          const error = await importCheckedRoster(database().stores, check, target).then(
            () => null,
            (thrown: unknown) => thrown,
          );
          expect(isAppError(error, 'EVENT_ROSTER_INVALID'), String(error)).to.equal(true);
          const rows = (error as { details: { problems: { row: number }[] } }).details.problems.map(
            (p) => p.row,
          );
          expect([...new Set(rows)].sort((a, b) => a - b)).to.deep.equal(roster.badRows);
        },
      ),
      fuzz,
    );
    expect(await snapshot(database(), organisation.id, event.id)).to.deep.equal(before);
  });
});
