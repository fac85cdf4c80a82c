import { expect } from 'chai';
import { createServer, type AddressInfo } from 'node:net';
import { Client } from 'pg';
import { AppError } from '@kompetenta/core';
import { asHttpAppError } from '../../src/http/asHttpAppError';

/** A port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('asHttpAppError', () => {
  it('answers a database that refuses connections with 503 STORE_DATABASE_UNREACHABLE, not 500', async () => {
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/x` });
    const refused = await client.connect().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused, 'the real driver error').to.be.instanceOf(Error);
    const answer = asHttpAppError(refused);
    expect([answer.code, answer.httpStatus]).to.deep.equal(['STORE_DATABASE_UNREACHABLE', 503]);
    expect(answer.cause).to.equal(refused);
  });

  it('keeps our own errors, 413 for a body over its limit, 500 for anything else', () => {
    const own = new AppError('ATTEMPT_COMMIT_MALFORMED');
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
    });
    expect(asHttpAppError(own)).to.equal(own);
    expect(asHttpAppError(tooLarge).code).to.equal('APP_REQUEST_TOO_LARGE');
    expect(asHttpAppError(new TypeError('x is undefined')).code).to.equal('APP_INTERNAL_ERROR');
  });
});
