import { LTI_SCOPES } from '@kompetenta/core';
import { describeEachEngine } from '@kompetenta/test-utils';
import { expect } from 'chai';
import request from 'supertest';
import { createLaunchWorld, HTTPS_PUBLIC_URL, type LaunchWorld } from './launchHarness';

describeEachEngine('LTI Canvas developer key configuration', (database) => {
  let world: LaunchWorld;
  before(async () => {
    world = await createLaunchWorld(database());
  });
  after(() => world.close());

  it('serves /lti/canvas.json built from the public URL, with our scopes, placements and privacy level', async () => {
    const res = await request(world.httpsApp).get('/lti/canvas.json').expect(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    const config = res.body as Record<string, unknown>;
    expect(config).to.include({
      title: 'Kompetenta',
      oidc_initiation_url: `${HTTPS_PUBLIC_URL}/lti/login`,
      target_link_uri: `${HTTPS_PUBLIC_URL}/lti/launch`,
      public_jwk_url: `${HTTPS_PUBLIC_URL}/lti/keys`,
    });
    expect(config.description).to.be.a('string').and.not.equal('');
    expect(config.scopes).to.have.members([
      LTI_SCOPES.agsLineItem,
      LTI_SCOPES.agsResultReadOnly,
      LTI_SCOPES.agsScore,
      LTI_SCOPES.nrpsMembershipReadOnly,
    ]);
    expect(config.custom_fields).to.deep.equal({});
    const extensions = config.extensions as Record<string, unknown>[];
    expect(extensions).to.have.length(1);
    expect(extensions[0]).to.include({
      platform: 'canvas.instructure.com',
      privacy_level: 'public',
      domain: 'kompetenta.test',
    });
    const placements = (extensions[0]?.settings as { placements: Record<string, unknown>[] }).placements;
    expect(placements.map((p) => [p.placement, p.message_type, p.target_link_uri])).to.deep.equal([
      ['link_selection', 'LtiDeepLinkingRequest', `${HTTPS_PUBLIC_URL}/lti/launch`],
      ['assignment_selection', 'LtiDeepLinkingRequest', `${HTTPS_PUBLIC_URL}/lti/launch`],
      ['course_navigation', 'LtiResourceLinkRequest', `${HTTPS_PUBLIC_URL}/lti/launch`],
    ]);
  });

  it('points a plain-http development tool at its own URLs', async () => {
    const res = await request(world.app).get('/lti/canvas.json').expect(200);
    expect((res.body as { oidc_initiation_url: string }).oidc_initiation_url).to.equal(
      'http://kompetenta.test/lti/login',
    );
  });
});
