import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { schemaVersion2004, type ScormVersion } from '@kompetenta/scorm-runtime';
import type { CourseModel } from '../source/CourseModel';

const templatesDir = join(__dirname, '..', '..', 'templates');
const handlebars = Handlebars.create();
const templates: Record<ScormVersion, HandlebarsTemplateDelegate> = {
  scorm12: handlebars.compile(readFileSync(join(templatesDir, 'imsmanifest-scorm12.hbs'), 'utf8'), {
    strict: true,
  }),
  scorm2004: handlebars.compile(readFileSync(join(templatesDir, 'imsmanifest-scorm2004.hbs'), 'utf8'), {
    strict: true,
  }),
};

/** The page every package launches. */
export const launchFile = 'index.html';

/**
 * Manifest identifiers derived from slug + version only, so rebuilding the same version gives the
 * same identifiers and an LMS recognises a re-upload. XML IDs must not start with a digit or hold dots.
 */
export function manifestIdentifiers(
  slug: string,
  version: string,
): Record<'manifest' | 'organization' | 'item' | 'resource', string> {
  const base = `${slug}-${version.replace(/\./g, '-')}`;
  return {
    manifest: `kompetenta-${base}`,
    organization: `ORG-${base}`,
    item: `ITEM-${base}`,
    resource: `SCO-${base}`,
  };
}

/** Renders imsmanifest.xml for one SCORM version; `files` are all package files except the manifest. */
export function renderManifest(model: CourseModel, version: ScormVersion, files: readonly string[]): string {
  const localized = (text: CourseModel['title']): { lang: string; text: string }[] =>
    model.languages.flatMap((lang) => (text[lang] ? [{ lang, text: text[lang] }] : []));
  return templates[version]({
    ids: manifestIdentifiers(model.slug, model.version),
    version: model.version,
    schemaVersion: schemaVersion2004,
    courseTitle: model.title.sv,
    title: localized(model.title),
    description: localized(model.description),
    languages: model.languages,
    masteryScore: model.masteryScore,
    launch: launchFile,
    files: [...files].sort(),
  });
}
