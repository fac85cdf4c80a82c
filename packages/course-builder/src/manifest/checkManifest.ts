import { XMLParser } from 'fast-xml-parser';
import { AppError } from '@kompetenta/core';
import { schemaVersion2004, type ScormVersion } from '@kompetenta/scorm-runtime';

/** An element of the manifest with its attributes (namespace prefixes removed). */
interface ManifestElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  readonly parent: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
});

type Ordered = Record<string, unknown>;

/** Flattens the preserveOrder tree into a list of elements, in document order. */
function elements(nodes: unknown, parent = '', out: ManifestElement[] = []): ManifestElement[] {
  if (!Array.isArray(nodes)) return out;
  for (const node of nodes as Ordered[]) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (!name) continue;
    const children = node[name];
    const text = Array.isArray(children)
      ? (children as Ordered[]).map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join('')
      : '';
    out.push({ name, attributes: (node[':@'] ?? {}) as Record<string, string>, text: text.trim(), parent });
    elements(children, name, out);
  }
  return out;
}

/**
 * Checks what the SCORM XSDs do not (see shared/schemas READMEs): default organization and every
 * identifierref resolve, identifiers are unique, every named file is in the package, no packaged
 * file is unnamed, and 2004 manifests say "2004 4th Edition". Returns every problem found.
 */
export function manifestProblems(
  xml: string,
  version: ScormVersion,
  packagedFiles: readonly string[],
): string[] {
  const problems: string[] = [];
  const all = elements(parser.parse(xml));
  const ids = all.flatMap((e) => (e.attributes['identifier'] ? [e.attributes['identifier']] : []));
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i)))
    problems.push(`identifier "${id}" is used twice`);
  const organizations = all.filter((e) => e.name === 'organization').map((e) => e.attributes['identifier']);
  const resources = all.filter((e) => e.name === 'resource').map((e) => e.attributes['identifier']);
  const defaultOrg = all.find((e) => e.name === 'organizations')?.attributes['default'];
  if (!defaultOrg || !organizations.includes(defaultOrg))
    problems.push(`default organization "${defaultOrg ?? ''}" does not exist`);
  for (const item of all.filter((e) => e.name === 'item' && e.attributes['identifierref'] !== undefined)) {
    const ref = item.attributes['identifierref'] ?? '';
    if (!resources.includes(ref))
      problems.push(`item "${item.attributes['identifier'] ?? ''}" points to missing resource "${ref}"`);
  }
  const named = new Set(all.filter((e) => e.name === 'file').map((e) => e.attributes['href'] ?? ''));
  for (const resource of all.filter((e) => e.name === 'resource')) {
    const href = resource.attributes['href'];
    if (href !== undefined && !named.has(href))
      problems.push(`resource href "${href}" is not listed as a <file>`);
  }
  const packaged = new Set(packagedFiles);
  for (const href of named)
    if (!packaged.has(href)) problems.push(`manifest names "${href}" but it is not in the package`);
  for (const file of packaged) {
    if (file !== 'imsmanifest.xml' && !named.has(file))
      problems.push(`"${file}" is in the package but not named in the manifest`);
  }
  if (!packaged.has('imsmanifest.xml')) problems.push('imsmanifest.xml is not at the root of the package');
  const schemaVersion = all.find((e) => e.name === 'schemaversion' && e.parent === 'metadata')?.text;
  const expected = version === 'scorm2004' ? schemaVersion2004 : '1.2';
  if (schemaVersion !== expected)
    problems.push(`schemaversion is "${schemaVersion ?? ''}", expected "${expected}"`);
  return problems;
}

/** Throws SCORM_MANIFEST_INVALID listing every problem, when there is one. */
export function assertManifest(
  xml: string,
  version: ScormVersion,
  packagedFiles: readonly string[],
  name: string,
): void {
  const problems = manifestProblems(xml, version, packagedFiles);
  if (problems.length > 0) {
    throw new AppError('SCORM_MANIFEST_INVALID', `${name}: ${problems.join('; ')}`, { problems });
  }
}
