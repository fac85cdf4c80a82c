import {
  AppError,
  ORGANISATION_KINDS,
  isOneOf,
  systemClock,
  type OrganisationKind,
  type Stores,
} from '@kompetenta/core';
import { invitePeople } from '@kompetenta/lti-server/internal';
import type { Command } from 'commander';
import { findOrganisation, withMigratedDatabase } from './commandDatabase';
import type { ConfiguredContext } from './serverCommands';

/** Invitation links from the command line live as long as those an admin sends: 7 days. */
const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

function checkPerson(email: string, name: string): { email: string; name: string } {
  const trimmed = { email: email.trim(), name: name.trim() };
  const problems: string[] = [];
  if (!EMAIL.test(trimmed.email)) problems.push(`--email ${JSON.stringify(email)} is not an e-mail address`);
  if (
    trimmed.name === '' ||
    trimmed.name.length > 200 ||
    [...trimmed.name].some((char) => char === ';' || char === ',' || char.charCodeAt(0) < 0x20)
  )
    problems.push('--name must be 1 to 200 characters, without ; or ,');
  if (problems.length > 0) throw new AppError('APP_USAGE_INVALID', `${problems.join('; ')}.`);
  return trimmed;
}

/** The end of the CLI's answer after granting access: whether a sign-in link went out. */
function invitationNote(invited: boolean): string {
  return invited
    ? 'A sign-in link is on its way.'
    : 'They were invited before; they can ask for a new link at /signin.';
}

/**
 * Grants `access` to the person (created if new) in the organisation and invites them: an
 * invitation mail with a 7-day sign-in link goes to the outbox in the same transaction (nothing
 * new is sent when they were invited before). Audited.
 */
async function addWithAccess(
  stores: Stores,
  input: {
    organisationId: string;
    email: string;
    name: string;
    access: 'org_admin' | 'programme_staff';
    publicUrl: string;
  },
): Promise<{ invited: boolean; personId: string }> {
  return stores.transaction(async (tx) => {
    const person = await tx.people.upsertByEmail({
      organisationId: input.organisationId,
      email: input.email,
      name: input.name,
    });
    await tx.access.grant(person.id, input.access);
    const result = await invitePeople(tx, {
      organisationId: input.organisationId,
      invitedBy: null,
      list: `${input.email};${input.name}`,
      now: systemClock.now(),
      ttlMs: INVITATION_TTL_MS,
      publicUrl: input.publicUrl,
    });
    await tx.audit.append({
      actor: 'cli',
      action: `access.grant.${input.access}`,
      subject: `person:${person.id}`,
      organisationId: input.organisationId,
      details: { access: input.access },
    });
    return { invited: result.invited === 1, personId: person.id };
  });
}

/** `kompetenta org add|list|admin add` and `kompetenta staff add`: organisations without an LMS and their admins. */
export function registerOrgCommands(program: Command, ctx: ConfiguredContext): void {
  const org = program
    .command('org')
    .description('Organisations that use Kompetenta without an LMS, and their admins.');

  org
    .command('add')
    .description('Create an organisation; prints its id.')
    .requiredOption(
      '--name <text>',
      'the organisation name, shown to its members and as the sender of its e-mails',
    )
    .option('--kind <kind>', `one of ${ORGANISATION_KINDS.join(', ')}`, 'ovrig')
    .action(async (options: { name: string; kind: string }) => {
      const name = options.name.trim();
      if (name === '' || name.length > 200)
        throw new AppError('APP_USAGE_INVALID', '--name must be 1 to 200 characters.');
      if (!isOneOf(ORGANISATION_KINDS, options.kind))
        throw new AppError('APP_USAGE_INVALID', `--kind must be one of ${ORGANISATION_KINDS.join(', ')}.`);
      const kind: OrganisationKind = options.kind;
      await withMigratedDatabase(ctx, async (database) => {
        const created = await database.stores.organisations.create({ name, kind });
        ctx.out(`Created organisation ${created.id} "${created.name}".`);
      });
    });

  org
    .command('list')
    .description('List organisations: id, kind, name.')
    .action(async () => {
      await withMigratedDatabase(ctx, async (database) => {
        const all = await database.stores.organisations.list();
        if (all.length === 0) ctx.out('No organisations.');
        for (const organisation of all)
          ctx.out(`${organisation.id}  ${organisation.kind.padEnd(22)}  ${organisation.name}`);
      });
    });

  org
    .command('admin')
    .description('Organisation admins: they invite people and see their progress at /org.')
    .command('add')
    .description('Make a person an admin of the organisation and e-mail them a sign-in link (valid 7 days).')
    .requiredOption('--org <id or name>', 'the organisation')
    .requiredOption('--email <address>', 'the admin’s e-mail address')
    .requiredOption('--name <text>', 'the admin’s name')
    .action(async (options: { org: string; email: string; name: string }) => {
      const person = checkPerson(options.email, options.name);
      await withMigratedDatabase(ctx, async (database) => {
        const organisation = await findOrganisation(database.stores, options.org);
        const result = await addWithAccess(database.stores, {
          organisationId: organisation.id,
          ...person,
          access: 'org_admin',
          publicUrl: ctx.config().publicUrl,
        });
        ctx.out(`${person.name} is an admin of ${organisation.name}. ${invitationNote(result.invited)}`);
      });
    });

  program
    .command('staff')
    .description(
      'Programme staff: people of the built-in programme organisation, who see every organisation.',
    )
    .command('add')
    .description('Make a person programme staff and e-mail them a sign-in link (valid 7 days).')
    .requiredOption('--email <address>', 'their e-mail address')
    .requiredOption('--name <text>', 'their name')
    .action(async (options: { email: string; name: string }) => {
      const person = checkPerson(options.email, options.name);
      await withMigratedDatabase(ctx, async (database) => {
        const programme = await database.stores.access.programmeOrganisation();
        const result = await addWithAccess(database.stores, {
          organisationId: programme.id,
          ...person,
          access: 'programme_staff',
          publicUrl: ctx.config().publicUrl,
        });
        ctx.out(`${person.name} is programme staff (${programme.name}). ${invitationNote(result.invited)}`);
      });
    });
}
