import { expect } from 'chai';
import {
  isoDurationSeconds,
  secondsToIsoDuration,
  secondsToTimespan12,
  timespan12Seconds,
} from '../../src/index';

describe('CMI durations', () => {
  it('reads ISO 8601 durations as scorm-again writes them', () => {
    expect(isoDurationSeconds('PT1H5M')).to.equal(3900);
    expect(isoDurationSeconds('PT0H5M0S')).to.equal(300);
    expect(isoDurationSeconds('PT1.5S')).to.equal(1.5);
    expect(isoDurationSeconds('P1DT1S')).to.equal(86401);
    expect(isoDurationSeconds('PT0S')).to.equal(0);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'P', 'PT', '1H', 'PT-1S', 'PTxS', '01:00:00'])
      expect(isoDurationSeconds(text), text).to.equal(null);
  });

  it('reads SCORM 1.2 time spans', () => {
    expect(timespan12Seconds('0001:05:00.25')).to.equal(3900.25);
    expect(timespan12Seconds('01:05:00')).to.equal(3900);
    // As scorm-again reads them: any hour digits, two-digit minutes and seconds.
    expect(timespan12Seconds('1:05:00')).to.equal(3900);
    expect(timespan12Seconds('1:5:00')).to.equal(null);
    expect(timespan12Seconds('PT5M')).to.equal(null);
  });

  it('writes both formats and reads them back', () => {
    expect(secondsToIsoDuration(3903.5)).to.equal('PT1H5M3.5S');
    expect(secondsToTimespan12(3903.5)).to.equal('0001:05:03.50');
    expect(timespan12Seconds(secondsToTimespan12(12345.67))).to.equal(12345.67);
    expect(isoDurationSeconds(secondsToIsoDuration(12345.67))).to.be.closeTo(12345.67, 1e-9);
    expect(secondsToTimespan12(-5)).to.equal('0000:00:00.00');
  });
});
