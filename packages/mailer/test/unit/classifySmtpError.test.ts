import { expect } from 'chai';
import { isPermanentFailure } from '@kompetenta/core';
import { classifySmtpError } from '../../src/classifySmtpError';

/** An error shaped like the ones nodemailer's SMTP transport throws. */
const smtpError = (fields: { code: string; responseCode?: number; response?: string }) =>
  Object.assign(new Error(fields.response ?? fields.code), fields);

describe('SMTP error classification', () => {
  it('treats a 5xx answer as a permanent rejection', () => {
    const error = classifySmtpError(
      smtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 Mailbox unavailable' }),
    );
    expect(error.code).to.equal('MAIL_DELIVERY_REJECTED');
    expect(error.details).to.include({ responseCode: 550, permanent: true });
    expect(isPermanentFailure(error)).to.equal(true);
  });

  it('retries 4xx answers, refused connections, timeouts and failed logins', () => {
    for (const fields of [
      { code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 Try again later' },
      { code: 'ESOCKET' },
      { code: 'ETIMEDOUT' },
      { code: 'ECONNECTION' },
      { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed' },
    ]) {
      const error = classifySmtpError(smtpError(fields));
      expect(error.code, fields.code).to.equal('MAIL_TRANSPORT_UNAVAILABLE');
      expect(isPermanentFailure(error), fields.code).to.equal(false);
    }
  });
});
