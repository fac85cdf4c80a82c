import { LTI_SCOPES } from '@kompetenta/core';
import { createLtiStores } from '@kompetenta/storage';
import { describeEachEngine, PlatformEmulator } from '@kompetenta/test-utils';
import { expect } from 'chai';
import type { JSONWebKeySet } from 'jose';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/index';
import { LtijsPlatformServices } from '../../src/internal';
import { RecordingLogger } from './launchHarness';

describeEachEngine('/lti/keys publishes the keys ltijs signs client assertions with', (database) => {
  it('serves the tool key and each approved platform’s ltijs key, so the platform verifies our token request', async function () {
    this.timeout(120_000); // ltijs generates a 4096-bit RSA key per platform
    const lti = createLtiStores(database().knex, { encryptionKey: randomBytes(32) });
    const services = new LtijsPlatformServices(lti.ltijsDatabase);
    const app = createApp(
      { stores: database().stores, lti, logger: new RecordingLogger(), platformServices: services },
      { publicUrl: 'https://kompetenta.test' },
    );
    const jwks = async () => (await request(app).get('/lti/keys').expect(200)).body as JSONWebKeySet;
    // The emulator's token endpoint verifies the assertion against our /lti/keys, as a platform does.
    const emulator = await PlatformEmulator.start({ clientId: 'keys-client', toolJwks: jwks });
    try {
      const platform = await database().stores.tenants.addPlatform({
        issuer: emulator.issuer,
        clientId: emulator.clientId,
        name: 'Emulator',
        authUrl: emulator.authUrl,
        tokenUrl: emulator.tokenUrl,
        jwksUrl: emulator.jwksUrl,
        status: 'approved',
      });
      expect((await jwks()).keys, 'ltijs has no key for the platform yet').to.have.length(1);
      await services.register(platform);
      const ltijsKey = await services.publicJwk(platform);
      const published = (await jwks()).keys;
      expect(published).to.have.length(2);
      expect(published.map((key) => key.kid)).to.include(ltijsKey.kid);
      expect(published.find((key) => key.kid === ltijsKey.kid)).to.deep.include({
        n: ltijsKey.n,
        alg: 'RS256',
      });
      expect(await services.accessToken(platform, [LTI_SCOPES.nrpsMembershipReadOnly])).to.be.a('string');

      // A pending registration's key is not published.
      await database().knex('platforms').where({ id: platform.id }).update({ status: 'pending' });
      expect((await jwks()).keys.map((key) => key.kid)).not.to.include(ltijsKey.kid);
    } finally {
      await emulator.stop();
    }
  });
});
