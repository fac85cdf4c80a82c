import type { ConditionalAttemptCommit } from '@kompetenta/core';
import type { Row } from './sql';

/** How one commit, or several in one statement, reach the database. */
export interface CommitStatements {
  /** The commit's own conditional statement: its summary row, or null when it matched nothing. */
  one(commit: ConditionalAttemptCommit): Promise<Row | null>;
  /** All of them in ONE statement (so one transaction): the rows that matched, by index in `commits`. */
  many(commits: readonly ConditionalAttemptCommit[]): Promise<Map<number, Row>>;
}

export interface CommitBatchLimits {
  /** Statements of this process in flight at once (each holds one pooled connection). */
  readonly inFlight: number;
  /** Commits in one statement at most. */
  readonly batch: number;
}

/** Enough overlap for the database and this process to work at the same time, well under a pool of 20. */
export const DEFAULT_COMMIT_BATCH_LIMITS: CommitBatchLimits = { inFlight: 4, batch: 64 };

interface Waiting {
  readonly commit: ConditionalAttemptCommit;
  readonly resolve: (row: Row | null) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for the learners' conditional commits (docs/architecture/scaling.md): the commits
 * that arrive while this process's statements are busy — every HTTP request read in one turn of
 * the event loop, say — go to the database together as one statement, instead of one statement,
 * one connection checkout and one socket write each. Under light load a commit goes alone, at
 * once (after the current turn of the event loop).
 *
 * What each caller gets is exactly what its own conditional statement would give: its summary
 * row, or null when the attempt moved on. A statement holds at most one commit per attempt, and
 * no attempt is in two statements of this process at once (a second tab's commit waits for the
 * next statement), so one attempt's commits still apply one after another, and the row locks of
 * two statements of this process never wait on each other. Two processes' statements could (two
 * tabs of one learner on two app instances, each with another such learner): the commits go in
 * attempt id order, the order the plan locks them in, and if the shared statement fails anyway (a
 * deadlock PostgreSQL broke, the connection lost ...), every commit in it is tried again on its
 * own, so only a commit that fails by itself fails, with its own error; nothing of a failed
 * statement is stored (one statement, one transaction).
 */
export class CommitBatcher {
  private readonly waiting: Waiting[] = [];
  /** Attempts with a commit in a statement now. */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly statements: CommitStatements,
    private readonly limits: CommitBatchLimits = DEFAULT_COMMIT_BATCH_LIMITS,
  ) {}

  submit(commit: ConditionalAttemptCommit): Promise<Row | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ commit, resolve, reject });
      this.schedule();
    });
  }

  /** Sends what waits after the current turn of the event loop, so the commits read in it go together. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.limits.inFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.limits.inFlight) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        for (const { commit } of batch) this.busy.delete(commit.attemptId);
        this.schedule();
      });
    }
  }

  /** The next statement's commits, oldest first: one per attempt, none of an attempt in flight. */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    for (const waiting of this.waiting) {
      const id = waiting.commit.attemptId;
      if (batch.length < this.limits.batch && !this.busy.has(id)) {
        this.busy.add(id);
        batch.push(waiting);
      } else later.push(waiting);
    }
    this.waiting.splice(0, this.waiting.length, ...later);
    return batch;
  }

  private async send(batch: readonly Waiting[]): Promise<void> {
    if (batch.length > 1) {
      let rows: Map<number, Row> | undefined;
      try {
        rows = await this.statements.many(batch.map(({ commit }) => commit));
      } catch {
        // Each on its own below: the error that matters is the one a commit gets by itself.
      }
      if (rows) {
        batch.forEach((waiting, i) => waiting.resolve(rows.get(i) ?? null));
        return;
      }
    }
    await Promise.all(
      batch.map(({ commit, resolve, reject }) => this.statements.one(commit).then(resolve, reject)),
    );
  }
}
