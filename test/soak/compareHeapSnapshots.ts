/**
 * Compares two V8 heap snapshots by constructor: `npx tsx test/soak/compareHeapSnapshots.ts
 * <earlier.heapsnapshot> <later.heapsnapshot> [rows]`. Prints, for each node type and name (the
 * constructor for objects), the count and self size in both and the difference, largest growth
 * first. Snapshots come from a soak run with `SOAK_HEAP_SNAPSHOTS=<dir>` (the restarted app writes
 * one after its warm-up and one at the end of the load, both right after a full GC); what grows
 * between them by thousands of objects is where to look for a leak.
 */
import { readFileSync } from 'node:fs';

interface HeapSnapshotFile {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Tally {
  count: number;
  bytes: number;
}

/** Count and self size per `type:name` of one snapshot. */
function tally(path: string): Map<string, Tally> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshotFile;
  const fields = file.snapshot.meta.node_fields;
  const types = file.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const byName = new Map<string, Tally>();
  for (let node = 0; node < file.nodes.length; node += fields.length) {
    const type = types[file.nodes[node + typeAt!]!] ?? '?';
    // Strings and code are grouped by type only: their names are their contents.
    const name = ['string', 'concatenated string', 'sliced string', 'code', 'number'].includes(type)
      ? ''
      : (file.strings[file.nodes[node + nameAt!]!] ?? '').slice(0, 60);
    const key = `${type}:${name}`;
    const entry = byName.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += file.nodes[node + sizeAt!]!;
    byName.set(key, entry);
  }
  return byName;
}

function main(): void {
  const [earlierPath, laterPath, rowsArg] = process.argv.slice(2);
  if (!earlierPath || !laterPath) throw new Error('usage: compareHeapSnapshots <earlier> <later> [rows]');
  const earlier = tally(earlierPath);
  const later = tally(laterPath);
  const total = (map: Map<string, Tally>) => [...map.values()].reduce((sum, t) => sum + t.bytes, 0);
  const kb = (bytes: number) => (bytes / 1024).toFixed(0);
  const rows = [...new Set([...earlier.keys(), ...later.keys()])]
    .map((key) => {
      const before = earlier.get(key) ?? { count: 0, bytes: 0 };
      const after = later.get(key) ?? { count: 0, bytes: 0 };
      return { key, before, after, grew: after.bytes - before.bytes };
    })
    .sort((a, b) => b.grew - a.grew)
    .slice(0, Number(rowsArg ?? 40));
  console.log(`self size: ${kb(total(earlier))} kB → ${kb(total(later))} kB`);
  console.log('| type:name | count before | count after | kB before | kB after | kB grown |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { key, before, after, grew } of rows)
    console.log(
      `| ${key.replace(/\|/g, '\\|')} | ${before.count} | ${after.count} | ${kb(before.bytes)} | ${kb(after.bytes)} | ${kb(grew)} |`,
    );
}

main();
