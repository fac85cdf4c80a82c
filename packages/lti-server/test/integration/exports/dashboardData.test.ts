import { KnexReportingStore } from '@kompetenta/storage';
import { describeEachEngine, expectAppError } from '@kompetenta/test-utils';
import { expect } from 'chai';
import { loadDashboard, type DashboardDeps } from '../../../src/dashboard/loadDashboard';
import { renderDashboard } from '../../../src/dashboard/renderDashboard';
import { seedExportWorld, type ExportWorld } from './exportWorld';

describeEachEngine('dashboard data and rendering', (database) => {
  let world: ExportWorld;
  let deps: DashboardDeps;
  before(async () => {
    world = await seedExportWorld(database());
    deps = { stores: database().stores, reporting: new KnexReportingStore(database().knex) };
  });

  it('shows programme staff every organisation: targets, suppressed charts with tables, downloads with the filter', async () => {
    const data = await loadDashboard(deps, { organisationId: null }, { to: '2026-06-30', eventType: '' });
    expect(data.problems).to.deep.equal([]);
    expect(data.scopeName).to.equal(null);
    expect(data.organisations.map((o) => o.name)).to.have.members([
      'Föreningen Gemenskap',
      'Kooperativet Lyftet',
    ]);
    const byMonth = data.charts.find((chart) => chart.report === 'attendance-by-month')!.table;
    expect(byMonth.rowLabels).to.deep.equal(['2026-03', '2026-04']);
    expect(byMonth.grandTotal.value).to.equal(39);
    const page = renderDashboard('', data, 'sv').html;
    expect(page).to.include('Du ser hela programmet.');
    expect(page.match(/<svg [^>]*role="img"/g)).to.have.length(2); // completions are empty here
    expect(page).to.include('<caption>Deltagare i aktiviteter per månad och kön</caption>');
    expect(page).to.include('href="/dashboard/exports/participants.xlsx?to=2026-06-30"');
    expect(page).to.include(
      'href="/dashboard/exports/attendance-by-month.csv?to=2026-06-30&#38;separator=semicolon"',
    );
    expect(page).to.include('Inga uppgifter för det här urvalet.');
    expect(page).to.match(/<progress\s+id="target-0-bar"\s+max="100"\s+value="\d+"/);
    expect(page).to.include('registreras inte ännu');
  });

  it("shows an organisation admin only their organisation, and refuses another one's id", async () => {
    const own = await loadDashboard(deps, { organisationId: world.gemenskap }, {});
    const asStaff = await loadDashboard(deps, { organisationId: null }, { organisation: world.gemenskap });
    expect(own.charts).to.deep.equal(asStaff.charts);
    expect(own.organisations.map((o) => o.id)).to.deep.equal([world.gemenskap]);
    expect(own.scopeName).to.equal('Föreningen Gemenskap');
    const page = renderDashboard('', own, 'sv').html;
    expect(page).to.include('Du ser Föreningen Gemenskap.').and.not.include('Lyftet');
    expect(page).not.to.include('id="filter-organisation"');
    await expectAppError(
      loadDashboard(deps, { organisationId: world.gemenskap }, { organisation: world.lyftet }),
      'REPORT_SCOPE_FORBIDDEN',
    );
  });

  it('names every bad filter on the page and shows the unfiltered view meanwhile', async () => {
    const data = await loadDashboard(
      deps,
      { organisationId: null },
      { from: '2026-13-01', county: '99', x: 'y' },
    );
    expect(data.problems).to.have.length(3);
    expect(data.filter).to.deep.equal({});
    const page = renderDashboard('', data, 'sv').html;
    expect(page).to.include('role="alert"').and.include('county 99 is not a two-digit SCB county code');
  });

  it('speaks English on request, gender columns included', async () => {
    const data = await loadDashboard(deps, { organisationId: null }, {});
    const page = renderDashboard('', data, 'en').html;
    expect(page).to.include('You see the whole programme.');
    expect(page).to.include('<th scope="col">Women</th>').and.include('<th scope="row">Total</th>');
    expect(page).to.include('Event participants by month and gender');
  });
});
