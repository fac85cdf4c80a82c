import { LTI_CLAIMS, LTI_SCOPES, type Clock, type Stores } from '@kompetenta/core';
import { createLtiStores, type Database } from '@kompetenta/storage';
import type { EmulatedUser } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Express } from 'express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/index';
import type { PlayerPageConfig } from '../../src/pages/playerPage';
import { createLaunchWorld, launchThrough, PUBLIC_URL, type LaunchWorld } from './launchHarness';

/** Real time moved by `offsetMs`: launches verify real id_tokens, token expiry tests jump ahead. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export interface PlayerWorld {
  readonly launchWorld: LaunchWorld;
  readonly app: Express;
  readonly stores: Stores;
  readonly clock: OffsetClock;
  readonly secret: Uint8Array;
  readonly database: Database;
  close(): Promise<void>;
}

/** The launch world's platform and course, served by a tool with a known token secret and clock. */
export async function createPlayerWorld(database: Database): Promise<PlayerWorld> {
  const launchWorld = await createLaunchWorld(database);
  const clock = new OffsetClock();
  const secret = randomBytes(32);
  const lti = createLtiStores(database.knex, { encryptionKey: randomBytes(32) });
  const app = createApp(
    { stores: database.stores, lti, logger: launchWorld.logger, clock, attemptTokenSecret: secret },
    { publicUrl: PUBLIC_URL, jwksCooldownMs: 0 },
  );
  return {
    launchWorld,
    app,
    stores: database.stores,
    clock,
    secret,
    database,
    close: () => launchWorld.close(),
  };
}

/** The AGS claim of a link with a line item (AGS 2.0 §3.1), as a platform sends it. */
export function agsClaim(world: PlayerWorld, lineItem = 'lineitems/1'): Record<string, unknown> {
  const issuer = world.launchWorld.emulator.issuer;
  return {
    [LTI_CLAIMS.agsEndpoint]: {
      scope: [LTI_SCOPES.agsScore, LTI_SCOPES.agsLineItem],
      lineitems: `${issuer}/lineitems`,
      lineitem: `${issuer}/${lineItem}`,
    },
  };
}

/** A launch through the whole flow; returns the player URL the tool redirected to. */
export async function launchToPlayer(
  world: PlayerWorld,
  user: EmulatedUser,
  plan: { course?: string | undefined; resourceLinkId?: string; claims?: Record<string, unknown> } = {},
): Promise<{ path: string; attemptId: string; token: string }> {
  const hint = `hint-${randomBytes(6).toString('hex')}`;
  world.launchWorld.emulator.prepareLaunch(hint, { user, course: 'handledare', ...plan });
  const res = await launchThrough(world.launchWorld, request.agent(world.app), hint);
  expect(res.status, res.text).to.equal(303);
  const location = new URL(String(res.headers.location));
  const attemptId = location.pathname.split('/').at(-1) ?? '';
  return {
    path: location.pathname + location.search,
    attemptId,
    token: location.searchParams.get('token') ?? '',
  };
}

/** The JSON config the player page embeds for the browser bundle. */
export function playerConfig(html: string): PlayerPageConfig {
  const match = /<script type="application\/json" id="kompetenta-player-config">([\s\S]*?)<\/script>/.exec(
    html,
  );
  if (!match) throw new Error('the page has no player config');
  return JSON.parse(match[1]!) as PlayerPageConfig;
}

/** Posts a commit as the player does (fetch: JSON). */
export function commit(
  world: PlayerWorld,
  attemptId: string,
  token: string,
  seq: number,
  cmi: Record<string, string>,
): request.Test {
  return request(world.app)
    .post(`/api/attempts/${attemptId}/commit`)
    .query({ token })
    .set('content-type', 'application/json')
    .send(JSON.stringify({ seq, cmi }));
}

/** A realistic SCORM 2004 commit of a learner in the middle of lesson `n`. */
export function progressCmi(n: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'cmi.completion_status': 'incomplete',
    'cmi.location': `lesson-${n}`,
    'cmi.suspend_data': JSON.stringify({ visited: Array.from({ length: n }, (_, i) => `l${i + 1}`) }),
    'cmi.exit': 'suspend',
    'cmi.session_time': `PT${n}M`,
    'cmi.progress_measure': String(Math.min(1, n / 10)),
    ...extra,
  };
}

export async function outboxCount(world: PlayerWorld, attemptId: string): Promise<number> {
  const rows = await world.database
    .knex('outbox')
    .whereRaw(`payload->>'attemptId' = ?`, [attemptId])
    .count<{ count: string | number }[]>('* as count');
  return Number(rows[0]?.count);
}
