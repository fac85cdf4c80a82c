/**
 * Benchmark: N concurrent simulated learners (default 200) each committing a course's worth of
 * realistic SCORM 2004 CMI (bookmark, suspend data, progress, interactions, finally completion and
 * a passed score) through the real HTTP commit API (token check, body parsing, data model
 * validation, one transaction with the row lock, the update and the grade outbox row) against
 * PostgreSQL in a temporary database of its own; and, in the same run, the same payloads written
 * as plain single-row upserts through `pg` with the same pool size (the floor).
 * Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:commit [learners] [commits each]
 * (TEST_DATABASE_URL or DATABASE_URL work too). Tool and clients share this one Node process.
 */
import { LTI_ROLES } from '@kompetenta/core';
import { createApp, signAttemptToken, type LtiLogger } from '@kompetenta/lti-server';
import { createLtiStores } from '@kompetenta/storage';
import { createTestDatabase } from '@kompetenta/test-utils';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const learners = Number(process.argv[2] ?? 200);
const commitsEach = Number(process.argv[3] ?? 10);
const silent: LtiLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Commit `seq` of a learner: what scorm-again sends in the middle of a 10-lesson course. */
function payload(learner: number, seq: number): { seq: number; cmi: Record<string, string> } {
  const lesson = Math.min(10, seq);
  const last = seq === commitsEach;
  const cmi: Record<string, string> = {
    'cmi.completion_status': last ? 'completed' : 'incomplete',
    'cmi.success_status': last ? 'passed' : 'unknown',
    'cmi.exit': last ? 'normal' : 'suspend',
    'cmi.location': `lesson-${lesson}`,
    'cmi.progress_measure': String(Math.min(1, seq / commitsEach)),
    'cmi.session_time': `PT${seq * 2}M${learner % 60}S`,
    'cmi.suspend_data': JSON.stringify({
      visited: Array.from({ length: lesson }, (_, i) => `h${i + 1}`),
      answers: Object.fromEntries(Array.from({ length: lesson * 3 }, (_, i) => [`q${i}`, (i + learner) % 4])),
      notes: 'Anteckningar om handledarsamtalet '.repeat(8),
    }),
  };
  if (last) {
    cmi['cmi.score.scaled'] = '0.85';
    cmi['cmi.score.raw'] = '85';
    cmi['cmi.score.min'] = '0';
    cmi['cmi.score.max'] = '100';
  }
  for (let i = 0; i < Math.min(seq, 6); i += 1) {
    cmi[`cmi.interactions.${i}.id`] = `fraga-${i + 1}`;
    cmi[`cmi.interactions.${i}.type`] = 'choice';
    cmi[`cmi.interactions.${i}.learner_response`] = String((i + learner) % 4);
    cmi[`cmi.interactions.${i}.result`] = i % 3 === 0 ? 'incorrect' : 'correct';
    cmi[`cmi.interactions.${i}.timestamp`] = '2026-11-28T09:00:00';
  }
  return { seq, cmi };
}

interface Measured {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
}

/** Each of `learners` workers sends its commits in order (as one page does); latency per commit. */
async function measure(one: (learner: number, seq: number) => Promise<void>): Promise<Measured> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: learners }, async (_, learner) => {
      for (let seq = 1; seq <= commitsEach; seq += 1) {
        const t0 = performance.now();
        await one(learner, seq);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length,
  };
}

async function main(): Promise<void> {
  const test = await createTestDatabase('postgres');
  const { stores, knex } = test.db;
  const secret = randomBytes(32);
  const server: Server = await new Promise((resolve) => {
    const app = createApp(
      {
        stores,
        lti: createLtiStores(knex, { encryptionKey: randomBytes(32) }),
        logger: silent,
        attemptTokenSecret: secret,
      },
      { publicUrl: 'http://127.0.0.1' },
    );
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const floorPool = new pg.Pool({ connectionString: test.url, max: 20 });
  try {
    const organisation = await stores.organisations.create({ name: 'Benchföreningen' });
    const platform = await stores.tenants.addPlatform({
      issuer: 'https://lms.bench.example',
      clientId: 'bench',
      name: 'Bench',
      authUrl: 'https://lms.bench.example/auth',
      tokenUrl: 'https://lms.bench.example/token',
      jwksUrl: 'https://lms.bench.example/jwks',
      status: 'approved',
    });
    const version = await stores.courses.registerVersion({
      courseSlug: 'handledare',
      courseTitle: 'Handledarutbildning',
      version: '1.0.0',
      trackingMajor: 1,
      contentHash: 'sha256-bench',
      outline: {
        title: 'Handledarutbildning',
        masteryScore: 80,
        lessons: [{ id: 'h1', title: 'Rollen', minutes: 20 }],
      },
    });
    // Every learner launched from a graded link, so commits also write grade outbox rows.
    const link = await stores.resourceLinks.upsertFromLaunch({
      platformId: platform.id,
      deploymentId: 'd1',
      resourceLinkId: 'bench-link',
      organisationId: organisation.id,
      contextId: 'ctx',
      contextTitle: 'Bench',
      title: 'Kurslänk',
      agsLineItemUrl: 'https://lms.bench.example/lineitems/1',
      agsLineItemsUrl: 'https://lms.bench.example/lineitems',
      agsScopes: [],
      nrpsMembershipsUrl: null,
    });
    const urls = await Promise.all(
      Array.from({ length: learners }, async (_, i) => {
        const person = await stores.people.upsertByLti({
          organisationId: organisation.id,
          ltiIssuer: platform.issuer,
          ltiSubject: `learner-${i}`,
          name: `Deltagare ${i}`,
          roles: [LTI_ROLES.contextLearner],
        });
        const attempt = await stores.attempts.create({
          organisationId: organisation.id,
          personId: person.id,
          courseVersionId: version.id,
          ltiResourceLinkId: link.id,
          scormVersion: '2004',
        });
        const token = await signAttemptToken(
          secret,
          { attemptId: attempt.id, organisationId: organisation.id, personId: person.id },
          new Date(),
        );
        return { attemptId: attempt.id, url: `${base}/api/attempts/${attempt.id}/commit?token=${token}` };
      }),
    );
    const bodies = urls.map((_, learner) =>
      Array.from({ length: commitsEach }, (_, i) => JSON.stringify(payload(learner, i + 1))),
    );
    const viaApi = async (learner: number, seq: number): Promise<void> => {
      const res = await fetch(urls[learner]!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodies[learner]![seq - 1]!,
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`commit answered ${res.status}: ${text}`);
    };
    await knex.raw('CREATE TABLE bench_floor (id uuid PRIMARY KEY, seq bigint NOT NULL, cmi jsonb NOT NULL)');
    const viaPg = async (learner: number, seq: number): Promise<void> => {
      await floorPool.query(
        `INSERT INTO bench_floor (id, seq, cmi) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, cmi = EXCLUDED.cmi`,
        [urls[learner]!.attemptId, seq, JSON.stringify(payload(learner, seq).cmi)],
      );
    };

    const api = await measure(viaApi);
    const floor = await measure(viaPg);
    const stored = await knex('attempts')
      .where({ organisation_id: organisation.id, commit_seq: commitsEach })
      .count<{ c: string }[]>('* as c');
    const outbox = await knex('outbox').where({ topic: 'grade' }).count<{ c: string }[]>('* as c');
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `Commit API benchmark: ${learners} concurrent learners × ${commitsEach} commits, PostgreSQL (${test.url?.replace(/\/\/[^@]*@/, '//')}), pool 20`,
    );
    console.log(
      `  commit API : ${api.perSecond.toFixed(0)} commits/s, p50 ${ms(api.p50)}, p99 ${ms(api.p99)} (${api.count} commits)`,
    );
    console.log(
      `  pg floor   : ${floor.perSecond.toFixed(0)} upserts/s, p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)}`,
    );
    console.log(
      `  ratio      : ${((api.perSecond / floor.perSecond) * 100).toFixed(0)} % of the floor's throughput`,
    );
    console.log(
      `  check      : ${stored[0]?.c} of ${learners} attempts at seq ${commitsEach}; ${outbox[0]?.c} grade outbox rows (first and final commit of each learner)`,
    );
  } finally {
    server.close();
    await floorPool.end();
    await test.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
