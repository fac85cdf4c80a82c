// Runs the browser tier (test/e2e) in Debian's Chromium. `npm test` calls this last.
//
// A fresh machine may have no Chromium (it is a system package, not an npm one). Then, outside CI,
// this says so loudly and how to install it, and the other tiers still count; in CI (CI=true) or
// with KOMPETENTA_REQUIRE_BROWSER=1 a missing browser is a failure, so CI never passes without
// the browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = '/usr/bin/chromium';
const required = process.env.CI === 'true' || process.env.KOMPETENTA_REQUIRE_BROWSER === '1';

if (!existsSync(chromium)) {
  const message = `browser tier: no Chromium at ${chromium}; install it with "apt-get install chromium" to run the SCORM player, accessibility and keyboard tests`;
  if (required) {
    console.error(`${message} (required: CI=true or KOMPETENTA_REQUIRE_BROWSER=1)`);
    process.exit(1);
  }
  console.warn(`\n*** NOT RUN — ${message}.\n`);
  process.exit(0);
}

const result = spawnSync('npx', ['mocha', '--config', '.mocharc.e2e.json', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
