import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import type { ProblemList } from './ProblemList';

/** A parsed YAML text that can tell the line of any value by its path. */
export interface YamlWithLines {
  readonly data: unknown;
  /** 1-based line in the file of the value at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number;
}

/**
 * Parses YAML keeping source positions, so schema problems can be reported as file:line.
 * `firstLine` is the file line the text starts on (2 for front matter after `---`).
 * Syntax errors are added to `problems`; the result is undefined when the text is unusable.
 */
export function parseYaml(
  text: string,
  file: string,
  problems: ProblemList,
  firstLine = 1,
): YamlWithLines | undefined {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line + firstLine - 1;
  for (const error of doc.errors) {
    problems.add(file, lineAt(error.pos[0]), `YAML: ${error.message.split('\n')[0] ?? error.message}`);
  }
  if (doc.errors.length > 0) return undefined;
  return {
    data: doc.toJS() as unknown,
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        // A map entry is reported at its key (`options:`), anything else at the node itself.
        const parent = depth > 0 ? doc.getIn(path.slice(0, depth - 1) as unknown[], true) : undefined;
        const key = path[depth - 1];
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
          if (pair && isNode(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
          continue;
        }
        const node = doc.getIn(path.slice(0, depth) as unknown[], true);
        if (isNode(node) && node.range) return lineAt(node.range[0]);
      }
      return firstLine;
    },
  };
}
