import { isAppError } from '@kompetenta/core';
import { expect } from 'chai';
import { readLoginRequest } from '../../src/login/readLoginRequest';

const tool = 'https://kurser.example.se';

describe('readLoginRequest', () => {
  it('reads a complete login, with optional deployment and message hint', () => {
    const login = readLoginRequest(
      {
        iss: 'https://lms.example.se',
        login_hint: 'u1',
        target_link_uri: `${tool}/lti/launch`,
        client_id: 'c1',
        lti_deployment_id: 'd1',
        lti_message_hint: 'm',
        lti_storage_target: 'post_message_forwarding',
      },
      tool,
    );
    expect(login).to.deep.equal({
      issuer: 'https://lms.example.se',
      loginHint: 'u1',
      targetLinkUri: `${tool}/lti/launch`,
      clientId: 'c1',
      deploymentId: 'd1',
      messageHint: 'm',
      storageTarget: 'post_message_forwarding',
    });
  });

  it('refuses a target link on another site and a parameter sent twice', () => {
    try {
      readLoginRequest(
        {
          iss: ['https://a', 'https://b'],
          login_hint: 'u',
          target_link_uri: 'https://kurser.example.se.evil.com/lti/launch',
          client_id: 'c',
        },
        tool,
      );
      expect.fail('expected LTI_LOGIN_INVALID');
    } catch (error) {
      expect(isAppError(error, 'LTI_LOGIN_INVALID')).to.equal(true);
      expect((error as { details: { problems: string[] } }).details.problems).to.deep.equal([
        'iss is missing',
        `target_link_uri is not on this tool (${tool})`,
      ]);
    }
  });
});
