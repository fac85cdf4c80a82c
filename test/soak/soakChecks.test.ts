import { expect } from 'chai';
import { FULL_SOAK } from './soakOptions';
import { memoryCheck, memoryTable, RSS_CEILING_BYTES, type MemoryObservations } from './soakChecks';

const MB = 1024 * 1024;
const LOAD_STARTED = 1_000_000;
const RESTARTED = LOAD_STARTED + 70_000;
const LOAD_ENDED = LOAD_STARTED + 600_000;

/** A full-soak run whose restarted app (pid 2) had `liveMb(t)` MB live after GC, sampled every 20 s. */
function run(liveMb: (secondsAfterRestart: number) => number, rssMb = 340): MemoryObservations {
  const heap = [];
  const memory = [];
  for (let at = RESTARTED; at <= LOAD_ENDED; at += 20_000) {
    const used = liveMb((at - RESTARTED) / 1000) * MB;
    heap.push({
      at,
      pid: 2,
      heapUsed: used - 4 * MB,
      external: 4 * MB,
      arrayBuffers: MB,
      heapTotal: 2 * used,
      rss: rssMb * MB,
      gcMs: 80,
    });
    memory.push({ at, pid: 2, rss: rssMb * MB });
  }
  return {
    options: FULL_SOAK,
    loadStartedAt: LOAD_STARTED,
    loadEndedAt: LOAD_ENDED,
    heap,
    memory,
    injected: { sigterm: { restartedAt: RESTARTED } },
  };
}

describe('soak memory check (live heap after GC)', () => {
  it('passes a heap that grows during the warm-up and then stays on a plateau with noise', () => {
    const check = memoryCheck(run((t) => (t < 90 ? 40 + t / 3 : 70 + 2.5 * Math.sin(t))));
    expect(check.ok, check.observed).to.equal(true);
  });

  it('fails a heap that climbs 3 MB a minute after the warm-up', () => {
    const check = memoryCheck(run((t) => 70 + (t / 60) * 3));
    expect(check.ok, check.observed).to.equal(false);
  });

  it('fails a flat heap when RSS passes its ceiling', () => {
    const check = memoryCheck(run(() => 70, RSS_CEILING_BYTES / MB + 1));
    expect(check.ok, check.observed).to.equal(false);
    expect(check.observed).to.match(/RSS max 513 MB/);
  });

  it('does not judge a run too short to tell, and prints every sample', () => {
    const short = run(() => 70);
    const check = memoryCheck({ ...short, options: { ...FULL_SOAK, memoryJudgedAfterMs: 20 * 60_000 } });
    expect(check.ok).to.equal(undefined);
    expect(memoryTable(short).split('\n')).to.have.length(2 + short.heap.length);
  });
});
