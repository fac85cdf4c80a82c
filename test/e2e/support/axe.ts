// Callbacks passed to evaluate run in the browser, so this file also sees the DOM types.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rules: the level every page of Kompetenta must meet. */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page or frame and returns its WCAG 2.1 A/AA violations, one line each
 * (rule, help text, the elements), so a failing assertion says what to fix.
 */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(axeSource);
  const found = await target.evaluate(
    async (tags) =>
      (
        await (
          window as unknown as {
            axe: { run(ctx: Document, o: unknown): Promise<{ violations: AxeViolation[] }> };
          }
        ).axe.run(document, { runOnly: { type: 'tag', values: tags } })
      ).violations,
    WCAG_21_AA_TAGS,
  );
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
