import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { defineConfig, startKompetenta, type Kompetenta } from '@kompetenta/app';
import {
  createTestDatabase,
  PlatformEmulator,
  testEngines,
  unusedLoopbackPort,
  type TestDatabase,
} from '@kompetenta/test-utils';
import type { ToolValues } from '../../examples/lms-setup/toolValues';
import { repoRoot, runExample } from './support/runExample';

for (const engine of testEngines())
  describe(`examples/lms-setup [${engine}]`, function () {
    // Starting Kompetenta applies the migrations to a new database.
    this.timeout(120_000);
    const work = mkdtempSync(join(tmpdir(), 'kompetenta-example-lms-'));
    let kompetenta: Kompetenta;
    // PostgreSQL: a fresh database on the test server; PGlite: the embedded one in the data folder.
    let postgres: TestDatabase | undefined;
    let values: ToolValues;
    const emulators: PlatformEmulator[] = [];

    before(async () => {
      const coursesDir = join(work, 'courses');
      mkdirSync(coursesDir);
      postgres = engine === 'postgres' ? await createTestDatabase(engine, { migrate: false }) : undefined;
      const port = await unusedLoopbackPort();
      const config = defineConfig(
        {
          publicUrl: `http://127.0.0.1:${port}`,
          port,
          host: '127.0.0.1',
          dataDir: join(work, 'data'),
          coursesDir,
          logLevel: 'silent',
          devPlatform: false,
          ...(postgres?.url ? { databaseUrl: postgres.url } : {}),
        },
        work,
      );
      kompetenta = await startKompetenta(config, pino({ level: 'silent' }));
      const run = await runExample('lms-setup/print-values.ts', [config.publicUrl, '--json']);
      expect(run.status, run.stderr).to.equal(0);
      values = JSON.parse(run.stdout) as ToolValues;
    });
    after(async () => {
      await Promise.all(emulators.map((emulator) => emulator.stop()));
      await kompetenta?.shutdown();
      await postgres?.dispose();
      rmSync(work, { recursive: true, force: true });
    });

    const get = async (url: string) => {
      const response = await fetch(url);
      expect(response.status, url).to.equal(200);
      return (await response.json()) as Record<string, unknown>;
    };

    it('prints the Canvas values the tool serves at /lti/canvas.json', async () => {
      const base = kompetenta.config.publicUrl;
      expect(values.canvasConfigurationUrl).to.equal(`${base}/lti/canvas.json`);
      const canvas = await get(values.canvasConfigurationUrl);
      expect(values.loginUrl).to.equal(canvas['oidc_initiation_url']);
      expect(values.launchUrl).to.equal(canvas['target_link_uri']);
      expect(values.jwksUrl).to.equal(canvas['public_jwk_url']);
      expect(values.scopes).to.deep.equal(canvas['scopes']);
      const [extension] = canvas['extensions'] as { domain: string; privacy_level: string }[];
      expect(values.domain).to.equal(extension?.domain);
      expect(extension?.privacy_level).to.equal('public');
    });

    it('prints a JWKS URL that serves the tool’s public keys', async () => {
      const jwks = await get(values.jwksUrl);
      const keys = jwks['keys'] as { kty: string; kid: string; n?: string; d?: string }[];
      expect(keys.length).to.be.greaterThan(0);
      for (const key of keys) {
        expect(key.kty).to.equal('RSA');
        expect(key.kid).to.be.a('string');
        expect(key.d, 'a private key part is published').to.equal(undefined);
      }
    });

    it('prints a registration URL that registers the tool as Moodle’s dynamic registration does', async () => {
      const moodle = await PlatformEmulator.start({ clientId: 'moodle-example' });
      emulators.push(moodle);
      // Moodle opens the Tool URL with its OpenID configuration and a one-time registration token.
      const url = new URL(values.registrationUrl);
      url.searchParams.set('openid_configuration', moodle.openIdConfigurationUrl);
      url.searchParams.set('registration_token', moodle.registrationToken);
      const page = await fetch(url);
      expect(page.status, await page.clone().text()).to.equal(200);

      // What the tool sent to the platform carries the printed values.
      expect(moodle.registrations).to.have.length(1);
      expect(moodle.registrations[0]).to.deep.include({
        initiate_login_uri: values.loginUrl,
        redirect_uris: [values.launchUrl],
        jwks_uri: values.jwksUrl,
      });
      expect(String(moodle.registrations[0]?.['scope']).split(' ')).to.include.members([...values.scopes]);

      // And the tool registered the platform: pending until an admin approves, with its deployment.
      const { tenants } = kompetenta.database.stores;
      const platform = await tenants.findPlatform(moodle.issuer, moodle.clientId);
      expect(platform).to.include({ status: 'pending', jwksUrl: moodle.jwksUrl });
      const deployments = await tenants.listDeployments(platform?.id ?? '');
      expect(deployments.map((deployment) => deployment.deploymentId)).to.deep.equal([moodle.deploymentId]);
      expect(await page.text()).to.contain(`kompetenta platform approve ${platform?.id ?? ''}`);
    });

    it('prints the walkthrough values as text, exactly as its README shows them, and refuses a PUBLIC_URL where no tool answers', async () => {
      const base = kompetenta.config.publicUrl;
      const text = await runExample('lms-setup/print-values.ts', [base]);
      expect(text.status, text.stderr).to.equal(0);
      // The README's sample output is for http://localhost:3000; the same text for this server.
      const readme = readFileSync(join(repoRoot, 'examples', 'lms-setup', 'README.md'), 'utf8');
      const sample = /```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
      expect(text.stdout).to.equal(
        sample.replaceAll('http://localhost:3000', base).replaceAll('localhost:3000', new URL(base).host),
      );
      for (const value of [
        values.registrationUrl,
        values.canvasConfigurationUrl,
        values.loginUrl,
        values.jwksUrl,
      ]) {
        expect(text.stdout).to.contain(value);
      }
      const nobody = await runExample('lms-setup/print-values.ts', [
        `http://127.0.0.1:${await unusedLoopbackPort()}`,
      ]);
      expect(nobody.status).to.equal(1);
      expect(nobody.stderr).to.contain('No tool answers at');
    });
  });
