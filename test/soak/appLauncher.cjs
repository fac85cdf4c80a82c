'use strict';
/**
 * The soak harness's launcher for the app: `node --expose-gc appLauncher.cjs <kompetenta args…>`,
 * spawned with an IPC channel. It installs a test-only message handler, then runs the built
 * `kompetenta` CLI in this same process, unchanged. The app itself knows nothing of this: no route,
 * no signal handler of its own is added, and the IPC channel is unreferenced so it never keeps the
 * process alive (SIGTERM still ends it with the app's own graceful stop).
 *
 * Messages from the harness (each answered with the same `id`):
 * - `{ type: 'memory', id }` → runs two full garbage collections (`global.gc()`, the second one
 *   collects what the first one's finalizers freed) and answers `{ type: 'memory', id, gcMs,
 *   usage }` with `process.memoryUsage()` after them: `heapUsed` is then the live heap.
 * - `{ type: 'snapshot', id, path }` → `v8.writeHeapSnapshot(path)` (blocks the app for seconds;
 *   for leak hunting only) and answers `{ type: 'snapshot', id, path, ms }`.
 */
const v8 = require('node:v8');
const { join } = require('node:path');

if (typeof global.gc !== 'function') throw new Error('appLauncher.cjs needs node --expose-gc');
if (typeof process.send !== 'function') throw new Error('appLauncher.cjs needs an IPC channel');

process.on('message', (message) => {
  if (!message || typeof message !== 'object') return;
  const { type, id } = message;
  try {
    if (type === 'memory') {
      const started = process.hrtime.bigint();
      global.gc();
      global.gc();
      const gcMs = Number(process.hrtime.bigint() - started) / 1e6;
      process.send({ type, id, gcMs, usage: process.memoryUsage() });
    } else if (type === 'snapshot') {
      const started = Date.now();
      const path = v8.writeHeapSnapshot(String(message.path));
      process.send({ type, id, path, ms: Date.now() - started });
    }
  } catch (error) {
    process.send({ type, id, error: String(error) });
  }
});
// Listening for messages references the channel; unreference it so the app ends as it would alone.
process.channel.unref();

// The CLI reads process.argv.slice(2): drop this launcher's own path so it sees its arguments.
process.argv.splice(1, 1, join(__dirname, '../../packages/app/dist/bin/kompetenta.js'));
require(process.argv[1]);
