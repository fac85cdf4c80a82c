import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, errorCodes, errorRegistry, isAppError } from '../../src/index';

const docPath = join(__dirname, '../../../../docs/reference/errors.md');

/** Codes documented as the first cell of a table row: | `CODE` | status | ... */
function documentedCodes(): Map<string, number> {
  const rows = readFileSync(docPath, 'utf8').matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|/gm);
  const codes = new Map<string, number>();
  for (const [, code, status] of rows) {
    expect(codes.has(code!), `${code} documented twice`).to.equal(false);
    codes.set(code!, Number(status));
  }
  return codes;
}

describe('error registry', () => {
  it('documents every registered code in docs/reference/errors.md, with its status', () => {
    const documented = documentedCodes();
    const missing = errorCodes().filter((code) => !documented.has(code));
    expect(missing, 'registered but not documented').to.deep.equal([]);
    for (const code of errorCodes()) {
      expect(documented.get(code), `status of ${code}`).to.equal(errorRegistry[code].httpStatus);
    }
  });

  it('registers every code documented in docs/reference/errors.md', () => {
    const registered = new Set<string>(errorCodes());
    const unknown = [...documentedCodes().keys()].filter((code) => !registered.has(code));
    expect(unknown, 'documented but not registered').to.deep.equal([]);
  });

  it('names every code PREFIX_NOUN_PROBLEM with a known prefix', () => {
    const prefixes = [
      'APP',
      'LTI',
      'SCORM',
      'COURSE',
      'STORE',
      'MAIL',
      'REPORT',
      'EVENT',
      'TOKEN',
      'ATTEMPT',
      'SESSION',
      'SIGNIN',
      'GRADE',
    ];
    for (const code of errorCodes()) {
      const [prefix, ...rest] = code.split('_');
      expect(prefixes, code).to.include(prefix);
      expect(rest.length, `${code} has a noun and a problem`).to.be.greaterThanOrEqual(2);
    }
  });
});

describe('AppError', () => {
  it('takes status and default message from the registry', () => {
    const error = new AppError('STORE_RECORD_NOT_FOUND');
    expect(error.httpStatus).to.equal(404);
    expect(error.message).to.equal(errorRegistry.STORE_RECORD_NOT_FOUND.message);
    expect(isAppError(error, 'STORE_RECORD_NOT_FOUND')).to.equal(true);
    expect(isAppError(error, 'STORE_RECORD_CONFLICT')).to.equal(false);
    expect(isAppError(new Error('x'))).to.equal(false);
  });

  it('serialises code, status, message and details', () => {
    const error = new AppError('APP_CONFIG_INVALID', 'PORT must be a number', { variable: 'PORT' });
    expect(error.toJSON()).to.deep.equal({
      code: 'APP_CONFIG_INVALID',
      status: 500,
      message: 'PORT must be a number',
      details: { variable: 'PORT' },
    });
  });
});
