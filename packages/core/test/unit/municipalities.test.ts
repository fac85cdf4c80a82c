import { expect } from 'chai';
import { COUNTIES, DEFAULT_PROGRAMME_TARGETS, MUNICIPALITIES } from '../../src/index';

describe('SCB municipalities and counties', () => {
  it('has 290 kommuner with unique four-digit codes and names', () => {
    expect(MUNICIPALITIES).to.have.length(290);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).to.equal(290);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).to.equal(290);
    for (const m of MUNICIPALITIES) expect(m.code, m.name).to.match(/^\d{4}$/);
  });

  it('has 21 län with unique codes and letters, and every kommun in an existing län', () => {
    expect(COUNTIES).to.have.length(21);
    expect(new Set(COUNTIES.map((c) => c.code)).size).to.equal(21);
    expect(new Set(COUNTIES.map((c) => c.letter)).size).to.equal(21);
    const counties = new Set(COUNTIES.map((c) => c.code));
    for (const m of MUNICIPALITIES) expect(counties.has(m.countyCode), m.code).to.equal(true);
    for (const c of COUNTIES)
      expect(
        MUNICIPALITIES.some((m) => m.countyCode === c.code),
        `${c.code} has kommuner`,
      ).to.equal(true);
  });

  it('knows well-known codes (county seats end in 80)', () => {
    const byCode = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));
    expect(byCode.get('0180')).to.equal('Stockholm');
    expect(byCode.get('2480')).to.equal('Umeå');
    expect(byCode.get('0331')).to.equal('Heby');
    expect(byCode.get('0980')).to.equal('Gotland');
    expect(MUNICIPALITIES.filter((m) => m.countyCode === '14')).to.have.length(49);
  });
});

describe('default programme targets', () => {
  it('lists the granted goals with unique ids', () => {
    const goals = Object.fromEntries(DEFAULT_PROGRAMME_TARGETS.map((t) => [t.id, t.goal]));
    expect(goals).to.include({
      'people-trained': 200,
      'organisations-approached': 450,
      'organisations-needs-survey': 100,
      'organisations-method-development': 10,
      'network-meetings': 2,
      'interregional-meetings': 3,
      'inspiration-places': 10,
    });
    expect(new Set(DEFAULT_PROGRAMME_TARGETS.map((t) => t.id)).size).to.equal(
      DEFAULT_PROGRAMME_TARGETS.length,
    );
  });
});
