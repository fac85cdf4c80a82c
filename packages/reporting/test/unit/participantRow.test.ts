import { expect } from 'chai';
import { participantRow } from '../../src/index';

const record = (starts: readonly string[]) => ({
  participantId: 'a'.repeat(32),
  organisation: 'Umeå förening',
  role: 'handledare' as const,
  gender: null,
  municipalityCode: '2480',
  courses: [{ slug: 'handledare', startedAt: new Date('2026-01-05T08:00:00Z'), completedAt: null }],
  events: starts.map((at, i) => ({
    type: 'natverkstraff' as const,
    title: `Träff ${i}`,
    startsAt: new Date(at),
    hours: 1.5,
  })),
});

describe('participantRow', () => {
  it('writes each course and event with its UTC day, hours summed, unset gender as ej_registrerat', () => {
    expect(participantRow(record(['2026-03-10T09:00:00Z', '2026-03-10T23:30:00Z']))).to.deep.equal([
      'a'.repeat(32),
      'Umeå förening',
      'handledare',
      'ej_registrerat',
      '2480',
      'handledare 2026-01-05–',
      '2026-03-10 natverkstraff (1.5 h); 2026-03-10 natverkstraff (1.5 h)',
      3,
    ]);
  });

  it('gives every instant its own day, also when many rows repeat the same dates', () => {
    for (let round = 0; round < 3; round++) {
      for (let d = 1; d <= 28; d++) {
        const at = `2026-02-${String(d).padStart(2, '0')}T12:00:00Z`;
        expect(participantRow(record([at]))[6]).to.equal(`${at.slice(0, 10)} natverkstraff (1.5 h)`);
      }
    }
  });
});
