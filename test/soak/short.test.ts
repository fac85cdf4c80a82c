import { expect } from 'chai';
import { runSoak } from './runSoak';
import { judgeSoak, memoryTable, resultsTable } from './soakChecks';
import { SHORT_SOAK } from './soakOptions';

/**
 * The short variant of the load and fault suite (`npm run soak` runs the full one): 30 learners
 * for 50 s against the app as its own process on a private PostgreSQL, with the AGS endpoint and
 * SMTP down for 10 s each, PostgreSQL stopped for 4 s and a SIGTERM, one after another.
 */
describe('soak (short): learners through AGS, SMTP and PostgreSQL outages and a SIGTERM', function () {
  // Setup, warm-up (the app's first RSA key), 50 s of load and the outbox drain.
  this.timeout(6 * 60_000);

  it('keeps every acknowledged commit, delivers each score and e-mail exactly once, and stays under 0.1 % errors', async () => {
    const observations = await runSoak(SHORT_SOAK, () => undefined);
    const checks = judgeSoak(observations);
    const table = resultsTable(checks);
    console.log(`\n${table}\n\n${memoryTable(observations)}\n`);
    const failed = checks
      .filter((check) => check.ok === false)
      .map((check) => `${check.expected}: ${check.observed}`);
    expect(failed, table).to.deep.equal([]);
    // Each fault really happened, so the invariants above were tested under it.
    expect(observations.injected.ags.refused, 'scores refused while AGS was down').to.be.greaterThan(0);
    expect(observations.injected.sigterm.exitCode).to.equal(0);
    // The memory probe answered in both processes, before and after the SIGTERM (judged only in the full run).
    const pids = new Set(observations.heap.map((sample) => sample.pid));
    expect(pids.size, 'processes that reported their heap after GC').to.equal(2);
    for (const sample of observations.heap) expect(sample.heapUsed).to.be.within(1, sample.heapTotal);
  });
});
