import type { ResourceLinkLaunchInput, Stores } from '@kompetenta/core';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { expectAppError } from './expectAppError';

async function setUp(stores: Stores) {
  const org = await stores.organisations.create({ name: 'Föreningen A' });
  const other = await stores.organisations.create({ name: 'Föreningen B' });
  const platform = await stores.tenants.addPlatform({
    issuer: `https://lms-${randomUUID()}.example.se`,
    clientId: 'client',
    name: 'LMS',
    authUrl: 'https://lms.example.se/auth',
    tokenUrl: 'https://lms.example.se/token',
    jwksUrl: 'https://lms.example.se/jwks',
    status: 'approved',
  });
  const launch: ResourceLinkLaunchInput = {
    platformId: platform.id,
    deploymentId: 'd1',
    resourceLinkId: `link-${randomUUID()}`,
    organisationId: org.id,
    contextId: 'ctx-1',
    contextTitle: 'Handledarnätverket',
    title: 'Kurslänk',
    agsLineItemUrl: 'https://lms.example.se/lineitems/1',
    agsLineItemsUrl: 'https://lms.example.se/lineitems',
    agsScopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
    nrpsMembershipsUrl: 'https://lms.example.se/memberships',
  };
  return { org, other, platform, launch };
}

/** Behaviour every ResourceLinkStore implementation must have. */
export function resourceLinkStoreContract(stores: () => Stores): void {
  describe('ResourceLinkStore', () => {
    it('creates a link from a launch and returns the same row on the next launch', async () => {
      const { org, launch } = await setUp(stores());
      const first = await stores().resourceLinks.upsertFromLaunch(launch);
      expect(first).to.include({
        organisationId: org.id,
        resourceLinkId: launch.resourceLinkId,
        agsLineItemUrl: 'https://lms.example.se/lineitems/1',
        nrpsMembershipsUrl: 'https://lms.example.se/memberships',
        courseSlug: null,
      });
      expect(first.agsScopes).to.deep.equal(launch.agsScopes);
      const again = await stores().resourceLinks.upsertFromLaunch({ ...launch, title: 'Ny titel' });
      expect(again.id).to.equal(first.id);
      expect(again.title).to.equal('Ny titel');
      expect(again.updatedAt.getTime()).to.be.at.least(first.updatedAt.getTime());
    });

    it('keeps a known grade target and roster URL when a later launch leaves the claims out', async () => {
      const { launch } = await setUp(stores());
      await stores().resourceLinks.upsertFromLaunch(launch);
      const later = await stores().resourceLinks.upsertFromLaunch({
        ...launch,
        agsLineItemUrl: null,
        agsLineItemsUrl: null,
        agsScopes: [],
        nrpsMembershipsUrl: null,
      });
      expect(later.agsLineItemUrl).to.equal(launch.agsLineItemUrl);
      expect(later.agsScopes).to.deep.equal(launch.agsScopes);
      expect(later.nrpsMembershipsUrl).to.equal(launch.nrpsMembershipsUrl);
    });

    it('stores a chosen course and keeps it across launches', async () => {
      const { org, launch } = await setUp(stores());
      const link = await stores().resourceLinks.upsertFromLaunch({ ...launch, agsLineItemUrl: null });
      const chosen = await stores().resourceLinks.chooseCourse(org.id, link.id, 'handledare');
      expect(chosen.courseSlug).to.equal('handledare');
      const relaunched = await stores().resourceLinks.upsertFromLaunch(launch);
      expect(relaunched.courseSlug).to.equal('handledare');
      expect((await stores().resourceLinks.get(org.id, link.id)).courseSlug).to.equal('handledare');
    });

    it('keeps links with the same id apart per deployment', async () => {
      const { launch } = await setUp(stores());
      const a = await stores().resourceLinks.upsertFromLaunch(launch);
      const b = await stores().resourceLinks.upsertFromLaunch({ ...launch, deploymentId: 'd2' });
      expect(b.id).to.not.equal(a.id);
    });

    it('never shows or changes a link for another organisation', async () => {
      const { other, launch } = await setUp(stores());
      const link = await stores().resourceLinks.upsertFromLaunch(launch);
      await expectAppError(stores().resourceLinks.get(other.id, link.id), 'STORE_RECORD_NOT_FOUND');
      await expectAppError(
        stores().resourceLinks.chooseCourse(other.id, link.id, 'styrelse'),
        'STORE_RECORD_NOT_FOUND',
      );
      await expectAppError(
        stores().resourceLinks.upsertFromLaunch({ ...launch, organisationId: other.id, title: 'Kapad' }),
        'STORE_RECORD_NOT_FOUND',
      );
      await expectAppError(stores().resourceLinks.get(other.id, 'not-a-uuid'), 'STORE_RECORD_NOT_FOUND');
      const unchanged = await stores().resourceLinks.get(launch.organisationId, link.id);
      expect(unchanged.title).to.equal('Kurslänk');
      expect(unchanged.courseSlug).to.equal(null);
    });

    it('lets an attempt point at its link, and keeps the attempt when the platform is removed', async () => {
      const { org, platform, launch } = await setUp(stores());
      const link = await stores().resourceLinks.upsertFromLaunch(launch);
      const person = await stores().people.upsertByLti({
        organisationId: org.id,
        ltiIssuer: platform.issuer,
        ltiSubject: 'learner',
      });
      const version = await stores().courses.registerVersion({
        courseSlug: 'lankkurs',
        courseTitle: 'Länkkurs',
        version: '1.0.0',
        trackingMajor: 1,
        contentHash: 'sha256:l',
        outline: { title: 'Länkkurs', masteryScore: 80, lessons: [] },
      });
      const attempt = await stores().attempts.create({
        organisationId: org.id,
        personId: person.id,
        courseVersionId: version.id,
        ltiResourceLinkId: link.id,
        scormVersion: '2004',
      });
      expect(attempt.ltiResourceLinkId).to.equal(link.id);
      await stores().tenants.removePlatform(platform.id);
      const kept = await stores().attempts.get(org.id, attempt.id);
      expect(kept.ltiResourceLinkId).to.equal(null);
    });
  });
}
