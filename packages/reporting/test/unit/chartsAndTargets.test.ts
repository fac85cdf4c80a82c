import { expect } from 'chai';
import { DEFAULT_PROGRAMME_TARGETS, type TargetMeasures } from '@kompetenta/core';
import { chartDataTable, genderSplitTable, renderBarChart, targetProgress } from '../../src/index';

const rows = [
  { key: 'handledare', gender: 'kvinna', count: 12 },
  { key: 'handledare', gender: 'man', count: 9 },
  { key: 'handledare', gender: 'annat', count: 1 },
  { key: 'handledare', gender: null, count: 6 },
  { key: 'styrelseledamot', gender: 'kvinna', count: 7 },
  { key: 'styrelseledamot', gender: 'man', count: 8 },
  { key: 'styrelseledamot', gender: 'vill_ej_uppge', count: 2 },
  { key: 'styrelseledamot', gender: null, count: 5 },
] as const;

describe('genderSplitTable', () => {
  it('merges annat and vill_ej_uppge when either is small, then suppresses', () => {
    const table = genderSplitTable(rows);
    expect(table.columns).to.deep.equal(['kvinna', 'man', 'ovriga', 'ej_registrerat']);
    expect(table.cells.map((row) => row.map((cell) => cell.value))).to.deep.equal([
      [12, 9, null, null],
      [7, 8, null, null],
    ]);
    // övriga 1 and 2 and their total 3 are small; "ej registrerat" 6, 5 and 11 hide to protect them
    expect(table.columnTotals.map((cell) => cell.value)).to.deep.equal([19, 17, null, null]);
    expect(table.rowTotals.map((cell) => cell.value)).to.deep.equal([28, 22]);
    expect(table.grandTotal.value).to.equal(50);
  });

  it('keeps annat and vill_ej_uppge apart when both groups are large enough', () => {
    const table = genderSplitTable([
      { key: 'x', gender: 'annat', count: 5 },
      { key: 'x', gender: 'vill_ej_uppge', count: 6 },
      { key: 'x', gender: 'kvinna', count: 0 },
    ]);
    expect(table.columns).to.deep.equal(['kvinna', 'man', 'annat', 'vill_ej_uppge', 'ej_registrerat']);
    expect(table.rowTotals[0]!.value).to.equal(11);
  });
});

describe('renderBarChart and chartDataTable', () => {
  const table = genderSplitTable(rows);
  it('renders an SVG named for screen readers, with values printed and ".." for suppressed', () => {
    const svg = renderBarChart(table, { id: 'roles', title: 'Roller & kön', description: 'Per roll.' });
    expect(svg).to.match(/^<svg [^>]*role="img" aria-labelledby="roles-title roles-desc"/);
    expect(svg).to.include('<title id="roles-title">Roller &amp; kön</title>');
    expect(svg).to.include('<desc id="roles-desc">Per roll.</desc>');
    expect(svg).to.include('>12</text>');
    expect(svg).to.include('>..</text>');
    expect(svg).to.include('<pattern id="roles-p1"');
  });

  it('gives the same numbers as a table with headers for rows and columns', () => {
    const html = chartDataTable(table, { caption: 'Roller', groupHeading: 'Roll' });
    expect(html).to.include('<caption>Roller</caption>');
    expect(html).to.include('<th scope="col">Kvinnor</th>');
    expect(html).to.include(
      '<tr><th scope="row">handledare</th><td>12</td><td>9</td><td>..</td><td>..</td><td>28</td>',
    );
    expect(html).to.include('<tfoot><tr><th scope="row">Totalt</th><td>19</td><td>17</td><td>..</td>');
  });
});

describe('targetProgress', () => {
  const measures: TargetMeasures = {
    peopleTrained: 50,
    eventsByType: { natverkstraff: 1, anordnartraff: 2, interregional_natverkstraff: 1 },
    placesByType: { inspirationstraff: 4 },
    halfYearsByType: { jamstalldhetsseminarium: ['2026-H1'] },
    activeByRole: {
      handledare: [
        { key: 'handledare', gender: 'kvinna', count: 6 },
        { key: 'handledare', gender: 'man', count: 2 },
        { key: 'handledare', gender: null, count: 2 },
      ],
    },
  };

  it('measures each default target, with ratios toward the goals', () => {
    const byId = Object.fromEntries(
      targetProgress(DEFAULT_PROGRAMME_TARGETS, measures).map((p) => [p.target.id, [p.value, p.ratio]]),
    );
    expect(byId['people-trained']).to.deep.equal([50, 0.25]);
    expect(byId['network-meetings']).to.deep.equal([3, 1]);
    expect(byId['interregional-meetings']![0]).to.equal(1);
    expect(byId['inspiration-places']).to.deep.equal([4, 0.4]);
    expect(byId['gender-seminar-every-half-year']).to.deep.equal([1, null]);
    expect(byId['women-among-mentors']).to.deep.equal([0.6, null]);
    expect(byId['organisations-approached']).to.deep.equal([null, null]);
  });

  it('does not show a share of a group smaller than the threshold', () => {
    const [share] = targetProgress(
      DEFAULT_PROGRAMME_TARGETS.filter((t) => t.id === 'women-among-mentors'),
      measures,
      { threshold: 11 },
    );
    expect(share!.value).to.equal(null);
  });
});
