import { isAppError, isStaffRole, LTI_CLAIMS, LTI_MESSAGE_TYPES, LTI_ROLES } from '@kompetenta/core';
import { expect } from 'chai';
import type { JWTPayload } from 'jose';
import { readLaunchClaims } from '../../src/launch/readLaunchClaims';

function launch(overrides: Record<string, unknown> = {}): JWTPayload {
  const claims: Record<string, unknown> = {
    iss: 'https://lms.example.se',
    sub: 'user-1',
    given_name: 'Sara',
    family_name: 'Berg',
    email: ' sara@example.se ',
    [LTI_CLAIMS.messageType]: LTI_MESSAGE_TYPES.resourceLink,
    [LTI_CLAIMS.version]: '1.3.0',
    [LTI_CLAIMS.deploymentId]: 'd1',
    [LTI_CLAIMS.targetLinkUri]: 'https://tool.example.se/lti/launch',
    [LTI_CLAIMS.resourceLink]: { id: 'rl-1' },
    [LTI_CLAIMS.roles]: [LTI_ROLES.contextLearner],
    [LTI_CLAIMS.custom]: { course: 'styrelse' },
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return claims;
}

function failure(payload: JWTPayload): { code: string; details: Record<string, unknown> } {
  try {
    readLaunchClaims(payload);
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: { ...error.details } };
    throw error;
  }
  expect.fail('expected the claims to be rejected');
}

describe('readLaunchClaims', () => {
  it('reads the AGS line item and scopes and the NRPS memberships URL; ignores malformed service URLs', () => {
    const read = readLaunchClaims(
      launch({
        [LTI_CLAIMS.context]: { id: 'ctx-9', title: 'Kursrum' },
        [LTI_CLAIMS.resourceLink]: { id: 'rl-1', title: 'Kurslänk' },
        [LTI_CLAIMS.agsEndpoint]: {
          scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score', 7],
          lineitems: 'https://lms.example.se/ctx-9/lineitems',
          lineitem: 'https://lms.example.se/ctx-9/lineitems/4',
        },
        [LTI_CLAIMS.nrpsService]: { context_memberships_url: 'javascript:alert(1)' },
      }),
    );
    expect(read).to.deep.include({
      contextId: 'ctx-9',
      resourceLinkTitle: 'Kurslänk',
      nrpsMembershipsUrl: null,
      ags: {
        lineItemUrl: 'https://lms.example.se/ctx-9/lineitems/4',
        lineItemsUrl: 'https://lms.example.se/ctx-9/lineitems',
        scopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
      },
    });
    expect(readLaunchClaims(launch()).ags).to.deep.equal({
      lineItemUrl: null,
      lineItemsUrl: null,
      scopes: [],
    });
  });

  it('reads a resource link launch: name from given and family name, trimmed e-mail, course parameter', () => {
    expect(readLaunchClaims(launch())).to.deep.include({
      issuer: 'https://lms.example.se',
      subject: 'user-1',
      deploymentId: 'd1',
      resourceLinkId: 'rl-1',
      name: 'Sara Berg',
      email: 'sara@example.se',
      courseSlug: 'styrelse',
    });
  });

  it('leaves the course empty when the link has no course parameter', () => {
    expect(readLaunchClaims(launch({ [LTI_CLAIMS.custom]: undefined })).courseSlug).to.equal(null);
  });

  it('names the message type and the version as their own errors', () => {
    expect(failure(launch({ [LTI_CLAIMS.messageType]: LTI_MESSAGE_TYPES.deepLinkingRequest })).code).to.equal(
      'LTI_MESSAGE_TYPE_UNSUPPORTED',
    );
    expect(failure(launch({ [LTI_CLAIMS.version]: '1.3' })).code).to.equal('LTI_VERSION_UNSUPPORTED');
    expect(failure(launch({ [LTI_CLAIMS.deploymentId]: '' })).code).to.equal('LTI_DEPLOYMENT_UNKNOWN');
  });

  it('collects every missing claim into one error, each with its claim', () => {
    const { code, details } = failure(
      launch({
        [LTI_CLAIMS.resourceLink]: { title: 'no id' },
        [LTI_CLAIMS.roles]: 'Learner',
        [LTI_CLAIMS.targetLinkUri]: undefined,
        sub: undefined,
      }),
    );
    expect(code).to.equal('LTI_CLAIMS_INVALID');
    expect((details.problems as { claim: string }[]).map((problem) => problem.claim)).to.deep.equal([
      `${LTI_CLAIMS.resourceLink}#id`,
      LTI_CLAIMS.roles,
      LTI_CLAIMS.targetLinkUri,
      'sub',
    ]);
  });
});

describe('isStaffRole', () => {
  it('treats instructors, teaching assistants and administrators as staff, learners and mentors not', () => {
    expect(isStaffRole([LTI_ROLES.contextInstructor])).to.equal(true);
    expect(isStaffRole([LTI_ROLES.contextLearner, LTI_ROLES.contextTeachingAssistant])).to.equal(true);
    expect(isStaffRole([LTI_ROLES.institutionAdministrator])).to.equal(true);
    expect(isStaffRole(['Instructor'])).to.equal(true);
    expect(isStaffRole([LTI_ROLES.contextLearner, LTI_ROLES.contextMentor])).to.equal(false);
    expect(isStaffRole([])).to.equal(false);
  });
});
