import { AppError, type Platform, type Stores } from '@kompetenta/core';
import type { Command } from 'commander';
import type { ConfiguredContext } from './serverCommands';
import { withMigratedDatabase } from './commandDatabase';

interface AddOptions {
  issuer: string;
  clientId: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentId: string[];
  name?: string;
  organisation?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Every problem of a manual registration at once, each naming its option. */
function checkRegistration(options: AddOptions): void {
  const problems: string[] = [];
  for (const [flag, value] of [
    ['--issuer', options.issuer],
    ['--auth-url', options.authUrl],
    ['--token-url', options.tokenUrl],
    ['--jwks-url', options.jwksUrl],
  ] as const) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      problems.push(`${flag} ${value} is not an http(s) URL`);
  }
  if (options.clientId.trim() === '') problems.push('--client-id is empty');
  if (options.deploymentId.length === 0) problems.push('at least one --deployment-id is required');
  if (options.deploymentId.some((id) => id.trim() === '')) problems.push('a --deployment-id is empty');
  if (problems.length > 0) {
    throw new AppError('LTI_REGISTRATION_INVALID', `The registration is not valid: ${problems.join('; ')}.`, {
      problems,
    });
  }
}

/** The organisation the deployments belong to: found by name, or created. */
async function organisationNamed(
  stores: Stores,
  name: string,
): Promise<{ id: string; name: string; created: boolean }> {
  const existing = (await stores.organisations.list()).find((organisation) => organisation.name === name);
  if (existing) return { id: existing.id, name: existing.name, created: false };
  const created = await stores.organisations.create({ name });
  return { id: created.id, name: created.name, created: true };
}

function describePlatform(platform: Platform, deployments: readonly string[]): string {
  return `${platform.id}  ${platform.status.padEnd(8)}  ${platform.name}  issuer ${platform.issuer}  client id ${platform.clientId}  deployments ${deployments.join(', ') || '(none)'}`;
}

/**
 * `kompetenta platform add|list|approve|remove`: LTI 1.3 registrations by hand. A platform added
 * here is approved at once (an admin typed it in); dynamic registrations arrive pending.
 */
export function registerPlatformCommand(program: Command, ctx: ConfiguredContext): void {
  const platform = program
    .command('platform')
    .description('Manage LTI 1.3 platform registrations (LMSs that launch Kompetenta).');

  platform
    .command('add')
    .description('Register an LMS by hand, approved at once, with its deployments and their organisation.')
    .requiredOption('--issuer <url>', "the platform's issuer (iss)")
    .requiredOption('--client-id <id>', 'the client id the platform gave this tool')
    .requiredOption('--auth-url <url>', "the platform's OIDC authorization endpoint")
    .requiredOption('--token-url <url>', "the platform's OAuth 2 token endpoint")
    .requiredOption('--jwks-url <url>', "the platform's public key set (JWKS) URL")
    .option('--deployment-id <id>', 'a deployment id of this registration (repeat for several)', collect, [])
    .option('--name <text>', 'a name for the registration (default: the issuer host)')
    .option(
      '--organisation <name>',
      'the organisation the deployments belong to; created if new (default: the name)',
    )
    .action(async (options: AddOptions) => {
      checkRegistration(options);
      const name = options.name ?? new URL(options.issuer).host;
      await withMigratedDatabase(ctx, (database) =>
        database.stores.transaction(async (stores) => {
          const organisation = await organisationNamed(stores, options.organisation ?? name);
          const added = await stores.tenants.addPlatform({
            issuer: options.issuer,
            clientId: options.clientId,
            name,
            authUrl: options.authUrl,
            tokenUrl: options.tokenUrl,
            jwksUrl: options.jwksUrl,
            status: 'approved',
          });
          for (const deploymentId of options.deploymentId)
            await stores.tenants.addDeployment(added.id, deploymentId, organisation.id);
          ctx.out(
            `Registered ${name} (${added.id}), approved: issuer ${added.issuer}, client id ${added.clientId}.`,
          );
          ctx.out(
            `Deployments ${options.deploymentId.join(', ')} belong to ${organisation.created ? 'the new organisation' : 'the organisation'} ${organisation.name}.`,
          );
        }),
      );
    });

  platform
    .command('list')
    .description('List the registrations with their status and deployments.')
    .action(async () => {
      await withMigratedDatabase(ctx, async (database) => {
        const platforms = await database.stores.tenants.listPlatforms();
        if (platforms.length === 0) ctx.out('No platforms are registered.');
        for (const entry of platforms) {
          const deployments = await database.stores.tenants.listDeployments(entry.id);
          ctx.out(
            describePlatform(
              entry,
              deployments.map((deployment) => deployment.deploymentId),
            ),
          );
        }
      });
    });

  platform
    .command('approve <id>')
    .description('Approve a pending registration so its launches are accepted.')
    .action(async (id: string) => {
      await withMigratedDatabase(ctx, async (database) => {
        const approved = await database.stores.tenants.approvePlatform(id);
        ctx.out(`Approved ${approved.name} (${approved.id}): launches from ${approved.issuer} are accepted.`);
      });
    });

  platform
    .command('remove <id>')
    .description(
      'Remove a registration and its deployments; people and attempts stay with their organisation.',
    )
    .action(async (id: string) => {
      await withMigratedDatabase(ctx, async (database) => {
        const removed = await database.stores.tenants.getPlatform(id);
        await database.stores.tenants.removePlatform(id);
        ctx.out(`Removed ${removed.name} (${removed.id}).`);
      });
    });
}
