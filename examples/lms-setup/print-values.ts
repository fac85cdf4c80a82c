/**
 * Prints the exact values to paste into an LMS for one PUBLIC_URL, checked against the running
 * tool (its /lti/canvas.json and /lti/keys), so this walkthrough cannot drift from the code.
 *
 *   npx tsx examples/lms-setup/print-values.ts [PUBLIC_URL] [--json]
 *
 * PUBLIC_URL defaults to the environment variable PUBLIC_URL, then http://localhost:3000.
 * Exit status 1 when no tool answers there or what it serves differs.
 */
import { askRunningTool, serviceName, type ToolValues } from './toolValues';

function lines(values: ToolValues): string[] {
  return [
    `Kompetenta at ${values.publicUrl} (checked: /lti/canvas.json and /lti/keys answer and agree)`,
    '',
    'Moodle 4.x — LTI Advantage (dynamic registration)',
    `  Tool URL:                        ${values.registrationUrl}`,
    '',
    'Canvas — developer key, method "Enter URL"',
    `  JSON URL:                        ${values.canvasConfigurationUrl}`,
    '',
    'By hand (itslearning, Brightspace, Blackboard, Moodle without dynamic registration)',
    `  Login URL (OIDC initiation):     ${values.loginUrl}`,
    `  Redirect URI / target link URI:  ${values.launchUrl}`,
    `  Deep Linking URL:                ${values.deepLinkingUrl}`,
    `  Public keyset URL (JWKS):        ${values.jwksUrl}`,
    `  Domain:                          ${values.domain}`,
    '',
    'Services to turn on',
    '  Deep Linking (content selection)',
    ...values.scopes.map((scope) => `  ${serviceName(scope)}`),
    'Privacy: send the user’s name and e-mail (the course overview and reports need them)',
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const publicUrl =
    args.find((arg) => !arg.startsWith('--')) ?? process.env['PUBLIC_URL'] ?? 'http://localhost:3000';
  const values = await askRunningTool(publicUrl);
  console.log(json ? JSON.stringify(values, null, 2) : lines(values).join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
