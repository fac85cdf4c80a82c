/**
 * Benchmark: complete LTI 1.3 launches (OIDC login → the platform's authorization endpoint, which
 * signs an RS256 id_token → POST /lti/launch with the login cookie) against the tool on PostgreSQL
 * in a temporary database of its own, at concurrencies 1, 10 and 50; and, in the same run, the same
 * number of requests to a bare Express handler that only verifies an RS256 id_token (the floor).
 * Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:launch [launches]
 * Everything (tool, emulator, clients) shares this one Node process, as the floor does.
 */
import { LTI_ROLES } from '@kompetenta/core';
import { createLtiStores } from '@kompetenta/storage';
import { createApp, type LtiLogger } from '@kompetenta/lti-server';
import { createTestDatabase, parseAutoPostForm, PlatformEmulator } from '@kompetenta/test-utils';
import express, { type Express } from 'express';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { reportResult } from '../report';

const launches = Number(process.argv[2] ?? 200);
const concurrencies = [1, 10, 50];

const silent: LtiLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function serve(app: Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Measured {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** Runs `count` calls of `one`, `concurrency` at a time; latency per call, throughput overall. */
async function measure(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<void>,
): Promise<Measured> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await one(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const test = await createTestDatabase('postgres');
  const stores = test.db.stores;
  const lti = createLtiStores(test.db.knex, { encryptionKey: randomBytes(32) });
  const toolApp = express();
  const tool = await serve(toolApp);
  const toolUrl = tool.url;
  const emulator = await PlatformEmulator.start({ clientId: 'bench-client' });
  try {
    const organisation = await stores.organisations.create({ name: 'Benchföreningen', kind: 'forening' });
    const platform = await stores.tenants.addPlatform({
      issuer: emulator.issuer,
      clientId: emulator.clientId,
      name: 'Bench',
      authUrl: emulator.authUrl,
      tokenUrl: emulator.tokenUrl,
      jwksUrl: emulator.jwksUrl,
      status: 'approved',
    });
    await stores.tenants.addDeployment(platform.id, emulator.deploymentId, organisation.id);
    await stores.courses.registerVersion({
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
    // The tool on the server started above (its URL must be known for PUBLIC_URL first).
    toolApp.use(createApp({ stores, lti, logger: silent }, { publicUrl: toolUrl }));

    /** One whole launch, as a browser does it; throws unless the tool accepted it. */
    const launch = async (): Promise<void> => {
      const hint = `bench-${randomUUID()}`;
      emulator.prepareLaunch(hint, {
        user: {
          sub: hint,
          name: 'Bänk Testsson',
          email: 'bank@example.se',
          roles: [LTI_ROLES.contextLearner],
        },
        course: 'handledare',
      });
      const login = new URL(`${toolUrl}/lti/login`);
      const params = {
        iss: emulator.issuer,
        login_hint: hint,
        target_link_uri: `${toolUrl}/lti/launch`,
        client_id: emulator.clientId,
        lti_deployment_id: emulator.deploymentId,
      };
      for (const [name, value] of Object.entries(params)) login.searchParams.set(name, value);
      const started = await fetch(login, { redirect: 'manual' });
      const cookie = started.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
      const form = parseAutoPostForm(await (await fetch(String(started.headers.get('location')))).text());
      const res = await fetch(form.action, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form.fields).toString(),
      });
      await res.arrayBuffer();
      if (res.status !== 200 && res.status !== 303) throw new Error(`launch answered ${res.status}`);
    };

    // The floor: verify an RS256 id_token against the platform's (cached) key set, nothing else.
    const jwks = (await (await fetch(emulator.jwksUrl)).json()) as JSONWebKeySet;
    const keySet = createLocalJWKSet(jwks);
    const floorApp = express();
    floorApp.post('/verify', express.urlencoded({ extended: false }), (req, res, next) => {
      jwtVerify(String((req.body as { id_token?: string }).id_token), keySet, {
        algorithms: ['RS256'],
        issuer: emulator.issuer,
        audience: emulator.clientId,
      }).then(() => res.status(200).end(), next);
    });
    const floor = await serve(floorApp);
    const tokens = await Promise.all(
      Array.from({ length: launches }, (_, i) =>
        emulator.signIdToken(
          emulator.launchClaims(
            {
              user: {
                sub: `floor-${i}`,
                name: 'Golv',
                email: 'golv@example.se',
                roles: [LTI_ROLES.contextLearner],
              },
              course: 'handledare',
            },
            randomUUID(),
            `${toolUrl}/lti/launch`,
          ),
        ),
      ),
    );
    const verify = async (i: number): Promise<void> => {
      const res = await fetch(`${floor.url}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id_token: String(tokens[i]) }).toString(),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`verify answered ${res.status}`);
    };

    await measure(20, 5, launch); // warm-up: JWKS fetched, tool key made, pools open, JIT warm
    await measure(20, 5, verify);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `LTI launch benchmark: ${launches} launches per concurrency, tool on PostgreSQL (${test.url?.replace(/\/\/[^@]*@/, '//')})`,
    );
    console.log(
      'concurrency | launches/s | p50      | p99      || floor/s | floor p50 | floor p99 || p50 ratio | throughput ratio',
    );
    for (const concurrency of concurrencies) {
      const full = await measure(launches, concurrency, launch);
      const bare = await measure(launches, concurrency, verify);
      console.log(
        [
          String(concurrency).padStart(11),
          full.perSecond.toFixed(1).padStart(10),
          ms(full.p50).padStart(8),
          ms(full.p99).padStart(8) + ' ',
          bare.perSecond.toFixed(1).padStart(7),
          ms(bare.p50).padStart(9),
          ms(bare.p99).padStart(9) + ' ',
          `${(full.p50 / bare.p50).toFixed(1)}×`.padStart(9),
          `${(bare.perSecond / full.perSecond).toFixed(1)}× slower`.padStart(16),
        ].join(' | '),
      );
      reportResult({
        name: `launch c=${concurrency}`,
        figure: Number(full.perSecond.toFixed(1)),
        unit: 'launches/s',
        floor: Number(bare.perSecond.toFixed(1)),
        ratio: Number((bare.perSecond / full.perSecond).toFixed(2)),
        ratioMeaning: 'floor throughput (RS256 verify only) / full launch throughput',
        details: {
          launches,
          p50Ms: Number(full.p50.toFixed(1)),
          p99Ms: Number(full.p99.toFixed(1)),
          floorP50Ms: Number(bare.p50.toFixed(1)),
        },
      });
    }
    floor.server.close();
  } finally {
    tool.server.close();
    await emulator.stop();
    await test.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
