import type { NewPlatform, Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { expectAppError } from './expectAppError';

function platform(issuer: string, clientId: string, status: 'pending' | 'approved'): NewPlatform {
  return {
    issuer,
    clientId,
    name: `${issuer} ${clientId}`,
    authUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    status,
  };
}

/** Behaviour every TenantStore implementation must have: tenancy is (issuer, client_id, deployment_id). */
export function tenantStoreContract(stores: () => Stores): void {
  describe('TenantStore', () => {
    it('resolves an approved deployment to its organisation', async () => {
      const org = await stores().organisations.create({ name: 'Föreningen Gemenskap' });
      const added = await stores().tenants.addPlatform(
        platform('https://moodle.example.se', 'c1', 'approved'),
      );
      await stores().tenants.addDeployment(added.id, 'd1', org.id);
      const resolved = await stores().tenants.resolve({
        issuer: 'https://moodle.example.se',
        clientId: 'c1',
        deploymentId: 'd1',
      });
      expect(resolved.deployment.organisationId).to.equal(org.id);
      expect(resolved.platform.id).to.equal(added.id);
    });

    it('never picks a platform by issuer alone (one issuer, many customers)', async () => {
      const orgA = await stores().organisations.create({ name: 'A' });
      const orgB = await stores().organisations.create({ name: 'B' });
      const a = await stores().tenants.addPlatform(
        platform('https://canvas.instructure.com', 'client-a', 'approved'),
      );
      const b = await stores().tenants.addPlatform(
        platform('https://canvas.instructure.com', 'client-b', 'approved'),
      );
      await stores().tenants.addDeployment(a.id, 'same-deployment', orgA.id);
      await stores().tenants.addDeployment(b.id, 'same-deployment', orgB.id);
      const key = { issuer: 'https://canvas.instructure.com', deploymentId: 'same-deployment' };
      expect(
        (await stores().tenants.resolve({ ...key, clientId: 'client-a' })).deployment.organisationId,
      ).to.equal(orgA.id);
      expect(
        (await stores().tenants.resolve({ ...key, clientId: 'client-b' })).deployment.organisationId,
      ).to.equal(orgB.id);
      await expectAppError(
        stores().tenants.resolve({ ...key, clientId: 'client-c' }),
        'STORE_TENANT_UNKNOWN',
      );
    });

    it('refuses a pending registration until it is approved', async () => {
      const org = await stores().organisations.create({ name: 'Pending org' });
      const pending = await stores().tenants.addPlatform(platform('https://lms.pending.se', 'c', 'pending'));
      await stores().tenants.addDeployment(pending.id, 'd', org.id);
      const key = { issuer: 'https://lms.pending.se', clientId: 'c', deploymentId: 'd' };
      await expectAppError(stores().tenants.resolve(key), 'STORE_TENANT_PENDING');
      expect((await stores().tenants.approvePlatform(pending.id)).status).to.equal('approved');
      expect((await stores().tenants.resolve(key)).deployment.deploymentId).to.equal('d');
    });

    it('rejects an unknown deployment of a known platform', async () => {
      const known = await stores().tenants.addPlatform(platform('https://lms.known.se', 'c', 'approved'));
      expect(known.status).to.equal('approved');
      await expectAppError(
        stores().tenants.resolve({ issuer: 'https://lms.known.se', clientId: 'c', deploymentId: 'nope' }),
        'STORE_TENANT_UNKNOWN',
      );
    });

    it('keeps (issuer, client id) unique and deployments idempotent', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const other = await stores().organisations.create({ name: 'Other' });
      const added = await stores().tenants.addPlatform(platform('https://lms.unique.se', 'c', 'approved'));
      await expectAppError(
        stores().tenants.addPlatform(platform('https://lms.unique.se', 'c', 'approved')),
        'STORE_RECORD_CONFLICT',
      );
      const first = await stores().tenants.addDeployment(added.id, 'd', org.id);
      const again = await stores().tenants.addDeployment(added.id, 'd', org.id);
      expect(again.id).to.equal(first.id);
      await expectAppError(stores().tenants.addDeployment(added.id, 'd', other.id), 'STORE_RECORD_CONFLICT');
      expect(await stores().tenants.listDeployments(added.id)).to.have.length(1);
    });

    it('removes a platform with its deployments', async () => {
      const org = await stores().organisations.create({ name: 'Org' });
      const added = await stores().tenants.addPlatform(platform('https://lms.removed.se', 'c', 'approved'));
      await stores().tenants.addDeployment(added.id, 'd', org.id);
      await stores().tenants.removePlatform(added.id);
      expect(await stores().tenants.findPlatform('https://lms.removed.se', 'c')).to.equal(null);
      await expectAppError(
        stores().tenants.resolve({ issuer: 'https://lms.removed.se', clientId: 'c', deploymentId: 'd' }),
        'STORE_TENANT_UNKNOWN',
      );
      await expectAppError(stores().tenants.removePlatform(added.id), 'STORE_RECORD_NOT_FOUND');
    });
  });
}
