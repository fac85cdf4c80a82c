import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@kompetenta/app';

/**
 * Runs one `kompetenta` command in this process, exactly as `npx kompetenta <argv>` would with
 * `env`, and returns what it printed; throws with its error line when it fails.
 */
export async function kompetenta(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, {
    env,
    cwd: process.cwd(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  if (status !== 0) throw new Error(`kompetenta ${argv.join(' ')} failed: ${err.join('\n')}`);
  return out.join('\n');
}

function capture(text: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(text)?.[1];
  if (!found) throw new Error(`Could not find ${what} in: ${text}`);
  return found;
}

/** Six people at one network meeting: enough to pass the small-group suppression (5). */
const roster = [
  'namn;e-post;roll;kön;samtycke;kommun',
  'Anna Berg;anna@example.se;handledare;kvinna;ja;Umeå',
  'Bo Ek;bo@example.se;styrelseledamot;man;ja;Umeå',
  'Cia Al;cia@example.se;anställd;;;Umeå',
  'Dan Ås;dan@example.se;handledare;man;ja;2480',
  'Eva Lind;eva@example.se;anställd;kvinna;ja;2480',
  'Fia Holm;fia@example.se;handledare;vill ej uppge;ja;2480',
].join('\n');

/**
 * What an administrator does with the CLI before exporting: the database schema, an organisation, an event, an
 * attendance roster, and an API token for scripts. Returns the token's id and secret (the secret
 * is printed once by `kompetenta token create`; only its SHA-256 is stored).
 */
export async function seedWithCli(
  env: NodeJS.ProcessEnv,
  workDir: string,
): Promise<{ id: string; secret: string }> {
  await kompetenta(['migrate'], env);
  const organisation = 'Föreningen Exempel';
  await kompetenta(['org', 'add', '--name', organisation, '--kind', 'forening'], env);
  const event = await kompetenta(
    [
      'event',
      'add',
      '--type',
      'natverkstraff',
      '--title',
      'Nätverksträff i Umeå',
      '--starts',
      '2026-03-12T09:00',
      '--hours',
      '2.5',
      '--municipality',
      '2480',
    ],
    env,
  );
  const eventId = capture(event, /^Added event (\S+):/m, 'the event id');
  const rosterFile = join(workDir, 'narvaro.csv');
  writeFileSync(rosterFile, roster);
  await kompetenta(
    ['attendance', 'import', rosterFile, '--event', eventId, '--organisation', organisation],
    env,
  );
  const token = await kompetenta(['token', 'create', '--name', 'Exempel: export-api'], env);
  return {
    id: capture(token, /^Created token (\S+) /m, 'the token id'),
    secret: capture(token, /^Secret \(shown only now; store it safely\): (kmp_\S+)$/m, 'the token secret'),
  };
}
