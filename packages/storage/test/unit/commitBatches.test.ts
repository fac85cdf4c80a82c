import type { ConditionalAttemptCommit } from '@kompetenta/core';
import { expect } from 'chai';
import { CommitBatcher, type CommitStatements } from '../../src/stores/commitBatches';
import type { Row } from '../../src/stores/sql';

function commit(attemptId: string, seq: number): ConditionalAttemptCommit {
  return {
    attemptId,
    organisationId: 'org',
    personId: 'person',
    expectedSeq: seq - 1,
    seq,
    cmi: {},
    completionStatus: 'incomplete',
    successStatus: 'unknown',
    scoreScaled: null,
    totalTimeSeconds: 0,
    grade: null,
  };
}

/** Statements that record what they were sent and answer when the test says so. */
class FakeStatements implements CommitStatements {
  readonly sent: string[][] = [];
  private readonly answers: (() => void)[] = [];
  failMany = false;
  refuse = new Set<string>();

  one(commit: ConditionalAttemptCommit): Promise<Row | null> {
    return this.answer([commit], () => {
      if (this.refuse.has(commit.attemptId)) throw new Error(`refused ${commit.attemptId}`);
      return { id: commit.attemptId, seq: commit.seq };
    });
  }

  many(commits: readonly ConditionalAttemptCommit[]): Promise<Map<number, Row>> {
    return this.answer(commits, () => {
      if (this.failMany || commits.some((c) => this.refuse.has(c.attemptId))) throw new Error('batch failed');
      // The second commit of the batch matched nothing (its attempt moved on).
      return new Map(
        commits.flatMap((c, i) => (i === 1 ? [] : [[i, { id: c.attemptId, seq: c.seq }] as [number, Row]])),
      );
    });
  }

  private answer<T>(commits: readonly ConditionalAttemptCommit[], result: () => T): Promise<T> {
    this.sent.push(commits.map((c) => `${c.attemptId}@${c.seq}`));
    return new Promise<T>((resolve, reject) =>
      this.answers.push(() => {
        try {
          resolve(result());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
  }

  /**
   * Answers every statement sent so far; resolves once their callers have run and the batcher
   * has sent what then waits (a few turns of the event loop: promise callbacks, then its own turn).
   */
  async answerAll(): Promise<void> {
    for (const answer of this.answers.splice(0)) answer();
    for (let turn = 0; turn < 5; turn += 1) await FakeStatements.turn();
  }

  /** Resolves once the batcher has sent what it had (it sends after the current event loop turn). */
  static turn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }
}

describe('CommitBatcher (group commit)', () => {
  it('sends the commits of one event loop turn as one statement and gives each its own row', async () => {
    const statements = new FakeStatements();
    const batcher = new CommitBatcher(statements, { inFlight: 1, batch: 10 });
    const results = Promise.all(['a', 'b', 'c'].map((id) => batcher.submit(commit(id, 1))));
    await FakeStatements.turn();
    expect(statements.sent).to.deep.equal([['a@1', 'b@1', 'c@1']]);
    await statements.answerAll();
    expect(await results).to.deep.equal([{ id: 'a', seq: 1 }, null, { id: 'c', seq: 1 }]);
  });

  it('sends a lone commit alone, and what arrives while a statement is out with the next one', async () => {
    const statements = new FakeStatements();
    const batcher = new CommitBatcher(statements, { inFlight: 1, batch: 10 });
    const first = batcher.submit(commit('a', 1));
    await FakeStatements.turn();
    const later = [batcher.submit(commit('b', 1)), batcher.submit(commit('c', 1))];
    await FakeStatements.turn();
    expect(statements.sent, 'nothing more while the first is out').to.deep.equal([['a@1']]);
    await statements.answerAll();
    expect(await first).to.deep.equal({ id: 'a', seq: 1 });
    expect(statements.sent).to.deep.equal([['a@1'], ['b@1', 'c@1']]);
    await statements.answerAll();
    expect(await Promise.all(later)).to.deep.equal([{ id: 'b', seq: 1 }, null]);
  });

  it('puts at most one commit per attempt in a statement and none of an attempt already out', async () => {
    const statements = new FakeStatements();
    const batcher = new CommitBatcher(statements, { inFlight: 2, batch: 10 });
    const a1 = batcher.submit(commit('a', 1));
    const a2 = batcher.submit(commit('a', 2));
    const b1 = batcher.submit(commit('b', 1));
    await FakeStatements.turn();
    // Two slots: a@1 with b@1 in the first statement; a@2 waits, its attempt is out.
    expect(statements.sent).to.deep.equal([['a@1', 'b@1']]);
    await statements.answerAll();
    await Promise.all([a1, b1]);
    expect(statements.sent).to.deep.equal([['a@1', 'b@1'], ['a@2']]);
    await statements.answerAll();
    expect(await a2).to.deep.equal({ id: 'a', seq: 2 });
  });

  it('keeps at most `batch` commits in one statement and `inFlight` statements out', async () => {
    const statements = new FakeStatements();
    const batcher = new CommitBatcher(statements, { inFlight: 2, batch: 2 });
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => batcher.submit(commit(id, 1))));
    await FakeStatements.turn();
    expect(statements.sent).to.deep.equal([
      ['a@1', 'b@1'],
      ['c@1', 'd@1'],
    ]);
    await statements.answerAll();
    expect(statements.sent.at(-1)).to.deep.equal(['e@1']);
    await statements.answerAll();
    expect(await all).to.have.length(5);
  });

  it('tries each commit of a failed statement on its own: only the one that fails alone fails', async () => {
    const statements = new FakeStatements();
    statements.refuse.add('b');
    const batcher = new CommitBatcher(statements, { inFlight: 1, batch: 10 });
    const results = ['a', 'b', 'c'].map((id) => batcher.submit(commit(id, 1)));
    const settled = Promise.allSettled(results);
    await FakeStatements.turn();
    await statements.answerAll();
    await statements.answerAll();
    expect(statements.sent).to.deep.equal([['a@1', 'b@1', 'c@1'], ['a@1'], ['b@1'], ['c@1']]);
    const outcomes = await settled;
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).to.contain('refused b');
  });
});
