// One export in a process of its own, so its peak RSS is its own: node exportChild.mjs <url> <csv|xlsx> <file>
// Plain JavaScript on the built packages (no TypeScript loader in the measured process).
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { openDatabase, KnexReportingStore } = require('@kompetenta/storage');
const { PARTICIPANT_HEADER, participantRows, writeCsv, writeXlsx } = require('@kompetenta/reporting');

const [url, format, file] = process.argv.slice(2);
let peak = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 20);
const database = await openDatabase({ url, poolMax: 2 });
const store = new KnexReportingStore(database.knex);
let events = 0;
async function* counted(records) {
  for await (const record of records) {
    events += record.events.length;
    yield record;
  }
}
const started = performance.now();
const rows = participantRows(counted(store.participantRecords({}, 'bench-pseudonym-key-0123456789abcdef')));
const out = createWriteStream(file);
const count =
  format === 'xlsx'
    ? await writeXlsx('Deltagare', PARTICIPANT_HEADER, rows, out)
    : await writeCsv(PARTICIPANT_HEADER, rows, out, { delimiter: ';' });
const ms = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await database.close();
process.stdout.write(JSON.stringify({ rows: count, attendance: events, ms, peakRss: peak }) + '\n');
