import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildCourse } from '@kompetenta/course-builder';
import express from 'express';
import helmet from 'helmet';
// lti-server depends on this package, so its page and asset router are taken from source here
// rather than through a devDependency that would make the package graph circular.
import { playerPage, type PlayerPageConfig } from '../../../../lti-server/src/pages/playerPage';
import { createPlayerAssetsRouter } from '../../../../lti-server/src/player/playerAssets';
import { coursesDir, readZip } from '../../../../../test/e2e/support/packageServer';

/** A commit as it reached the stand-in commit API. */
export interface RecordedCommit {
  readonly seq: number;
  readonly cmi: Record<string, unknown>;
  readonly contentType: string;
  /** What the endpoint answered: 200, or 503 while told to fail. */
  readonly status: number;
}

export interface PlayerServer {
  readonly origin: string;
  /** URL of the SCO's launch file for a SCORM version, as lti-server puts it in the page config. */
  contentUrl(version: '1.2' | '2004'): string;
  /** The commit URL with an attempt token of its own, so each page's commits can be told apart. */
  commitUrl(token: string): string;
  /** Every commit received for the configured page's token, in order of arrival. */
  readonly commits: RecordedCommit[];
  /**
   * The page config served at /play/a1 from now on; forgets the commits so far. Commits carrying another token (late beacons
   * from an earlier test's page) are answered but not recorded.
   */
  configure(config: PlayerPageConfig): void;
  /** Answers the next `count` commits with 503. */
  failNext(count: number): void;
  /** What a server applying commits by seq keeps: the highest-seq commit it answered 200. */
  stored(): RecordedCommit | undefined;
  /** Resolves when `check` holds for the commits received so far; rejects after `timeoutMs`. */
  waitFor(
    what: string,
    check: (commits: readonly RecordedCommit[]) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

export const attemptId = 'a1';
const courseVersion = '1.0.0';

/**
 * The player's surroundings as lti-server and the app give them, on 127.0.0.1: the app's secure
 * headers for framable paths, `playerPage()` at /play/a1, the real asset router for the bundle,
 * REAL SCORM 2004 and 1.2 builds of `courses/<slug>` at /content, and a commit endpoint that
 * records bodies.
 */
export async function startPlayerServer(slug: string): Promise<PlayerServer> {
  const tmp = mkdtempSync(join(tmpdir(), 'kompetenta-player-e2e-'));
  const zips = await buildCourse(coursesDir, slug, join(tmp, 'out'), ['scorm12', 'scorm2004'], {
    writeTrackingIds: false,
  });
  const folders = { '1.2': 'scorm12', '2004': 'scorm2004' } as const;
  for (const folder of Object.values(folders)) {
    const zipPath = zips.find((zip) => zip.endsWith(`-${folder}.zip`));
    if (!zipPath) throw new Error(`no ${folder} package built: ${zips.join(', ')}`);
    for (const [name, data] of await readZip(zipPath)) {
      mkdirSync(dirname(join(tmp, folder, name)), { recursive: true });
      writeFileSync(join(tmp, folder, name), data);
    }
  }

  const commits: RecordedCommit[] = [];
  const arrivals = new EventEmitter();
  let failures = 0;
  let config: PlayerPageConfig | undefined;
  let token = '';
  const contentPath = (version: '1.2' | '2004'): string => `/content/${slug}/${courseVersion}/${version}`;
  const commitPath = `/api/attempts/${attemptId}/commit`;

  const app = express();
  // The same helmet settings as the app's secureHeaders() for /play and /content (frame-ancestors
  // opened, the rest of the default CSP kept), so the test shows the CSP lets the player run.
  app.use(helmet({ frameguard: false, contentSecurityPolicy: { directives: { 'frame-ancestors': ['*'] } } }));
  app.use(createPlayerAssetsRouter());
  app.get(`/play/${attemptId}`, (_req, res) => {
    if (!config) return void res.status(404).end();
    res.set('Cache-Control', 'no-store').type('html').send(playerPage(config));
  });
  for (const [version, folder] of Object.entries(folders))
    app.use(contentPath(version as keyof typeof folders), express.static(join(tmp, folder)));
  app.post(commitPath, express.text({ type: () => true, limit: '256kb' }), (req, res) => {
    const body = JSON.parse(String(req.body)) as { seq: number; cmi: Record<string, unknown> };
    if (req.query['token'] !== token) return void res.json({ result: true, errorCode: 0 });
    const status = failures > 0 ? 503 : 200;
    if (failures > 0) failures--;
    commits.push({ seq: body.seq, cmi: body.cmi, contentType: req.get('content-type') ?? '', status });
    arrivals.emit('commit');
    if (status === 200) res.json({ result: true, errorCode: 0 });
    else res.status(503).json({ result: false, errorCode: 101 });
  });

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    contentUrl: (version) => `${contentPath(version)}/index.html`,
    commitUrl: (pageToken) => `${commitPath}?token=${pageToken}`,
    commits,
    configure: (next) => {
      config = next;
      commits.length = 0;
      token = new URL(next.commitUrl, origin).searchParams.get('token') ?? '';
    },
    failNext: (count) => (failures = count),
    stored: () =>
      commits
        .filter((c) => c.status === 200)
        .reduce<RecordedCommit | undefined>((best, c) => (!best || c.seq > best.seq ? c : best), undefined),
    waitFor: (what, check, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const test = (): void => {
          if (!check(commits)) return;
          clearTimeout(deadline);
          arrivals.off('commit', test);
          resolve();
        };
        const deadline = setTimeout(() => {
          arrivals.off('commit', test);
          reject(
            new Error(
              `timed out waiting for ${what}; commits: ${JSON.stringify(commits.map((c) => [c.seq, c.status, c.contentType, c.cmi['cmi.location']]))}`,
            ),
          );
        }, timeoutMs);
        arrivals.on('commit', test);
        test();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        rmSync(tmp, { recursive: true, force: true });
      }),
  };
}
