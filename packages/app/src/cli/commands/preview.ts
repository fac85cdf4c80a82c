import type { Command } from 'commander';
import { AppError } from '@kompetenta/core';
import { startPreview } from '@kompetenta/course-builder';
import { parseFormats, resolveSlugs } from '@kompetenta/course-builder/internal';
import type { CliContext } from '../CliContext';

interface PreviewCommandOptions {
  port: string;
  format: string;
}

/**
 * `kompetenta preview <slug> [--port n] [--format scorm2004]`: serves the course with a stand-in
 * LMS page (scorm-again) that shows every SCORM call and the data model live. Runs until stopped.
 */
export function registerPreviewCommand(program: Command, ctx: CliContext): void {
  program
    .command('preview')
    .description('Serve a course locally with a stand-in LMS that shows every SCORM call and the data model.')
    .argument('<slug>', 'course folder under courses/')
    .option('--port <number>', 'port on 127.0.0.1 (0 picks a free one)', '4010')
    .option('--format <version>', 'scorm12 or scorm2004', 'scorm2004')
    .action(async (slug: string, options: PreviewCommandOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new AppError(
          'APP_USAGE_INVALID',
          `--port must be a whole number from 0 to 65535, not "${options.port}".`,
        );
      }
      const [version] = parseFormats(options.format);
      if (!version || options.format.includes(','))
        throw new AppError('APP_USAGE_INVALID', '--format takes one version for a preview.');
      resolveSlugs(ctx.coursesDir, [slug]);
      const server = await startPreview({ coursesDir: ctx.coursesDir, slug, version, port });
      ctx.out(`Previewing ${slug} (${version}) at ${server.url}`);
      ctx.out('Reload the page to see your latest edits. Stop with Ctrl+C.');
    });
}
