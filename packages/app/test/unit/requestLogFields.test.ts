import { expect } from 'chai';
import { redactUrl, requestLogFields, responseLogFields } from '../../src/server/requestLogFields';

describe('request log fields', () => {
  it('redacts the tokens our URLs carry and keeps the route', () => {
    const cases: [string, string][] = [
      ['/api/attempts/a1/commit?token=eyJ.x.y', '/api/attempts/a1/commit?token=[redacted]'],
      ['/play/a1?token=eyJ.x.y&lang=en', '/play/a1?token=[redacted]&lang=en'],
      ['/checkin/eyJ.x.y', '/checkin/[redacted]'],
      ['/checkin/eyJ.x.y/klar', '/checkin/[redacted]/klar'],
      ['/learning/signin/abc123?next=%2F', '/learning/signin/[redacted]?next=%2F'],
      ['/lti/play?ltik=secret', '/lti/play?ltik=[redacted]'],
      [
        '/lti/register?openid_configuration=https%3A%2F%2Flms&registration_token=secret',
        '/lti/register?openid_configuration=https%3A%2F%2Flms&registration_token=[redacted]',
      ],
      ['/mail/opt-out?TOKEN=secret', '/mail/opt-out?TOKEN=[redacted]'],
      ['/signin', '/signin'],
      ['/dashboard?period=2026H1&county=01', '/dashboard?period=2026H1&county=01'],
      ['/x?%E0%A4%A=1', '/x?%E0%A4%A=1'],
    ];
    for (const [url, logged] of cases) expect(redactUrl(url), url).to.equal(logged);
  });

  it('keeps no headers of the request or the answer', () => {
    const fields = requestLogFields({
      id: 7,
      method: 'POST',
      url: '/api/attempts/a1/commit?token=secret',
      remoteAddress: '127.0.0.1',
      ...{ headers: { cookie: 'kompetenta_session=secret' } },
    });
    expect(fields).to.deep.equal({
      id: 7,
      method: 'POST',
      url: '/api/attempts/a1/commit?token=[redacted]',
      remoteAddress: '127.0.0.1',
    });
    expect(responseLogFields({ statusCode: 200, ...{ headers: { 'set-cookie': 'x' } } })).to.deep.equal({
      statusCode: 200,
    });
  });
});
