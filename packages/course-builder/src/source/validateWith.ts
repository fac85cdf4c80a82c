import type { z } from 'zod';
import type { ProblemList } from './ProblemList';
import type { YamlWithLines } from './parseYaml';

/**
 * Checks `yaml.data` (or the value at `basePath` inside it) against a schema and adds every issue
 * as a problem at the line of the value it is about. Returns the parsed value when valid.
 */
export function validateWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  yaml: YamlWithLines,
  file: string,
  problems: ProblemList,
  basePath: readonly PropertyKey[] = [],
): z.infer<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...basePath, ...issue.path];
    const where = path.length > 0 ? `${path.map(String).join('.')}: ` : '';
    problems.add(file, yaml.lineOf(path), `${where}${issue.message}`);
  }
  return undefined;
}
