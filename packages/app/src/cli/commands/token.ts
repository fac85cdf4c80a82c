import {
  AppError,
  generateApiTokenSecret,
  hashApiTokenSecret,
  type ApiToken,
  type Organisation,
} from '@kompetenta/core';
import type { Command } from 'commander';
import { findOrganisation, withMigratedDatabase } from './commandDatabase';
import type { ConfiguredContext } from './serverCommands';
import { formatStockholm } from '@kompetenta/reporting';
import { alignColumns } from '../alignColumns';

const MAX_NAME_LENGTH = 100;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (
    trimmed.length === 0 ||
    trimmed.length > MAX_NAME_LENGTH ||
    [...trimmed].some((char) => char.charCodeAt(0) < 0x20)
  ) {
    throw new AppError(
      'TOKEN_NAME_INVALID',
      `--name must be 1 to ${MAX_NAME_LENGTH} characters of text on one line; got ${JSON.stringify(name)}.`,
    );
  }
  return trimmed;
}

function scopeOf(token: ApiToken, organisations: ReadonlyMap<string, Organisation>): string {
  if (token.organisationId === null) return 'programme';
  return organisations.get(token.organisationId)?.name ?? token.organisationId;
}

/** Tokens as an aligned table; the id first so it can be copied into `token revoke`. */
export function tokenTable(
  tokens: readonly ApiToken[],
  organisations: ReadonlyMap<string, Organisation>,
): string[] {
  const when = (date: Date | null) => (date ? formatStockholm(date) : '-');
  const rows = [
    ['id', 'created (Stockholm)', 'last used', 'revoked', 'scope', 'name'],
    ...tokens.map((t) => [
      t.id,
      when(t.createdAt),
      when(t.lastUsedAt),
      when(t.revokedAt),
      scopeOf(t, organisations),
      t.name,
    ]),
  ];
  return alignColumns(rows);
}

/**
 * `kompetenta token create|list|revoke`: API tokens for `GET /api/exports/...`. The secret is
 * printed once at creation and only its SHA-256 is stored; creating and revoking are audited.
 */
export function registerTokenCommand(program: Command, ctx: ConfiguredContext): void {
  const token = program
    .command('token')
    .description('Create, list and revoke API tokens for the export endpoints (GET /api/exports/...).');

  token
    .command('create')
    .description(
      'Create a token. With --org it sees only that organisation; without, the whole programme. The secret is shown once.',
    )
    .requiredOption('--name <text>', 'what the token is for, e.g. "Månadsrapport till Tillväxtverket"')
    .option('--org <id or name>', 'limit the token to this organisation')
    .action(async (options: { name: string; org?: string }) => {
      const name = checkName(options.name);
      await withMigratedDatabase(ctx, async (database) => {
        const organisation = options.org ? await findOrganisation(database.stores, options.org) : undefined;
        const secret = generateApiTokenSecret();
        const created = await database.stores.transaction(async (stores) => {
          const row = await stores.apiTokens.create({
            name,
            organisationId: organisation?.id ?? null,
            createdBy: 'cli',
            secretHash: hashApiTokenSecret(secret),
          });
          await stores.audit.append({
            actor: 'cli',
            action: 'token.create',
            subject: `token:${row.id}`,
            organisationId: row.organisationId,
            details: { name, scope: organisation ? 'organisation' : 'programme' },
          });
          return row;
        });
        ctx.out(
          `Created token ${created.id} "${name}" for ${organisation ? organisation.name : 'the whole programme'}.`,
        );
        ctx.out(`Secret (shown only now; store it safely): ${secret}`);
        ctx.out(`Use it as: Authorization: Bearer ${secret}`);
      });
    });

  token
    .command('list')
    .description('List tokens (never their secrets), newest first.')
    .action(async () => {
      await withMigratedDatabase(ctx, async (database) => {
        const tokens = await database.stores.apiTokens.list();
        if (tokens.length === 0) {
          ctx.out('No tokens.');
          return;
        }
        const organisations = new Map((await database.stores.organisations.list()).map((o) => [o.id, o]));
        for (const line of tokenTable(tokens, organisations)) ctx.out(line);
      });
    });

  token
    .command('revoke <id>')
    .description('Revoke a token: it is refused from now on. Revoking again changes nothing.')
    .action(async (id: string) => {
      await withMigratedDatabase(ctx, async (database) => {
        const result = await database.stores.transaction(async (stores) => {
          const before = await stores.apiTokens.get(id);
          const revoked = await stores.apiTokens.revoke(id, new Date());
          if (before.revokedAt === null) {
            await stores.audit.append({
              actor: 'cli',
              action: 'token.revoke',
              subject: `token:${id}`,
              organisationId: revoked.organisationId,
              details: { name: revoked.name },
            });
          }
          return { revoked, already: before.revokedAt !== null };
        });
        ctx.out(
          result.already
            ? `Token ${id} "${result.revoked.name}" was already revoked (${formatStockholm(result.revoked.revokedAt!)}).`
            : `Revoked token ${id} "${result.revoked.name}".`,
        );
      });
    });
}
