import { expect } from 'chai';
import { AppError, isDatabaseUnavailable } from '../../src/index';

function driverError(message: string, fields: Record<string, string>): Error {
  return Object.assign(new Error(message), fields);
}

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is gone: refused, reset, shut down, starting, pool timeout', () => {
    const gone = [
      driverError('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
      driverError('read ECONNRESET', { code: 'ECONNRESET' }),
      driverError('terminating connection due to administrator command', { code: '57P01' }),
      driverError('the database system is starting up', { code: '57P03' }),
      driverError('connection failure', { code: '08006' }),
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), {
        name: 'KnexTimeoutError',
      }),
      new Error('Connection terminated unexpectedly'),
      new AppError('STORE_DATABASE_UNREACHABLE'),
    ];
    expect(gone.map(isDatabaseUnavailable)).to.deep.equal(gone.map(() => true));
  });

  it('leaves query mistakes, constraint violations and our own refusals alone', () => {
    const notGone = [
      driverError('duplicate key value violates unique constraint', { code: '23505' }),
      driverError('syntax error at or near "SELEC"', { code: '42601' }),
      driverError('canceling statement due to statement timeout', { code: '57014' }),
      new AppError('ATTEMPT_COMMIT_MALFORMED'),
      new TypeError('Cannot read properties of undefined'),
      'ECONNREFUSED',
      null,
    ];
    expect(notGone.map(isDatabaseUnavailable)).to.deep.equal(notGone.map(() => false));
  });
});
