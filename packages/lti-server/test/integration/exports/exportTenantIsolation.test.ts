import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { EXPORT_NAMES } from '../../../src/internal';
import { binary, exportApp, seedExportWorld, type ExportWorld } from './exportWorld';

/** Every filter an export takes, alone, so no combination of them can widen an organisation's view. */
const FILTERS = [
  '',
  'from=2026-01-01',
  'to=2026-06-30',
  'course=handledare',
  'eventType=natverkstraff',
  'eventType=inspirationstraff',
  'county=01',
  'county=24',
];

describeEachEngine('export API tenant isolation', (database) => {
  let world: ExportWorld;
  let app: Express;
  before(async () => {
    world = await seedExportWorld(database());
    app = exportApp(database(), { exportsPerMinute: 10_000 });
  });
  const body = async (path: string, secret: string) => {
    const res = await request(app)
      .get(path)
      .set('Authorization', `Bearer ${secret}`)
      .buffer(true)
      .parse(binary);
    expect(res.status, `${path}: ${String(res.body)}`).to.equal(200);
    return (res.body as Buffer).toString('utf8');
  };

  it("refuses an organisation token every other organisation's id, on every export and format", async () => {
    for (const name of EXPORT_NAMES) {
      for (const format of ['csv', 'xlsx']) {
        const res = await request(app)
          .get(`/api/exports/${name}.${format}?organisation=${world.lyftet}`)
          .set('Authorization', `Bearer ${world.tokens.gemenskap}`)
          .expect(403);
        expect(res.body).to.include({ code: 'REPORT_SCOPE_FORBIDDEN' });
      }
    }
    // Written twice, as an array, or in another case: never half-applied, never widened.
    for (const query of [
      `organisation=${world.gemenskap}&organisation=${world.lyftet}`,
      `organisation[]=${world.lyftet}`,
      `organisation[id]=${world.lyftet}`,
    ]) {
      await request(app)
        .get(`/api/exports/participants.csv?${query}`)
        .set('Authorization', `Bearer ${world.tokens.gemenskap}`)
        .expect(400);
    }
    await request(app)
      .get(`/api/exports/participants.csv?organisation=${world.lyftet.toUpperCase()}`)
      .set('Authorization', `Bearer ${world.tokens.gemenskap}`)
      .expect(403);
  });

  it("gives an organisation token exactly the programme's view of that organisation, by every filter", async () => {
    for (const name of EXPORT_NAMES) {
      for (const filter of FILTERS) {
        const own = await body(`/api/exports/${name}.csv?${filter}`, world.tokens.gemenskap);
        const asProgramme = await body(
          `/api/exports/${name}.csv?${filter}${filter ? '&' : ''}organisation=${world.gemenskap}`,
          world.tokens.programme,
        );
        expect(own, `${name}?${filter}`).to.equal(asProgramme);
        // Each token sees its own organisation with the same filter and no more.
        const other = await body(`/api/exports/${name}.csv?${filter}`, world.tokens.lyftet);
        expect(other).not.to.include('Gemenskap');
        expect(own).not.to.include('Lyftet');
      }
    }
  });

  it("names the organisation in the audit entry of an organisation token's export", async () => {
    await body('/api/exports/completion-by-course.csv', world.tokens.lyftet);
    const [entry] = await database().stores.audit.list({ action: 'export.completion-by-course', limit: 1 });
    expect(entry?.organisationId).to.equal(world.lyftet);
    expect((entry?.details.filter as { organisationId: string }).organisationId).to.equal(world.lyftet);
  });
});
