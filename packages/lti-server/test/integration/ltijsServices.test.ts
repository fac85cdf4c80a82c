import { LTI_ROLES, type Platform } from '@kompetenta/core';
import { createLtiStores } from '@kompetenta/storage';
import { describeEachEngine, PlatformEmulator } from '@kompetenta/test-utils';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { LtijsPlatformServices } from '../../src/internal';

describeEachEngine('ltijs platform services on our knex plugin', (database) => {
  it('registers a platform through ltijs, gets a client-credentials token and reads the Names and Roles roster, without MongoDB', async function () {
    this.timeout(60_000); // ltijs generates a 4096-bit RSA key per platform
    const lti = createLtiStores(database().knex, { encryptionKey: randomBytes(32) });
    const services = new LtijsPlatformServices(lti.ltijsDatabase);
    let platform: Platform | undefined;
    const emulator = await PlatformEmulator.start({
      clientId: 'ltijs-client',
      toolJwks: async () => ({ keys: platform ? [await services.publicJwk(platform)] : [] }),
    });
    try {
      platform = await database().stores.tenants.addPlatform({
        issuer: emulator.issuer,
        clientId: emulator.clientId,
        name: 'Emulator',
        authUrl: emulator.authUrl,
        tokenUrl: emulator.tokenUrl,
        jwksUrl: emulator.jwksUrl,
        status: 'approved',
      });
      await services.register(platform);
      await services.register(platform); // idempotent: the key pair is made once
      const keyRows = await database().knex('ltijs_documents').where({ collection: 'privatekey' });
      expect(keyRows).to.have.length(1);
      expect(JSON.stringify(keyRows)).not.to.contain('PRIVATE KEY');

      emulator.prepareLaunch('a', {
        user: { sub: 'u-learner', name: 'Lina', email: 'lina@example.se', roles: [LTI_ROLES.contextLearner] },
      });
      emulator.prepareLaunch('b', {
        user: {
          sub: 'u-teacher',
          name: 'Per',
          email: 'per@example.se',
          roles: [LTI_ROLES.contextInstructor],
        },
      });
      const members = await services.roster(platform, emulator.nrpsUrl('context-1'));
      expect(members.map((member) => member.user_id)).to.have.members(['u-learner', 'u-teacher']);

      // ltijs cached the access token through the plugin, sealed.
      const tokens = await database().knex('ltijs_documents').where({ collection: 'accesstoken' });
      expect(tokens).to.have.length(1);
      expect(tokens[0]).to.have.property('sealed').that.is.a('string');
      expect(mongoose.connection.readyState, 'mongoose never connected').to.equal(0);
    } finally {
      await emulator.stop();
    }
  });
});
