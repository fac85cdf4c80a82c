import type { Course, CourseOutline, CourseStore, CourseVersion, NewCourseVersion } from '@kompetenta/core';
import { date, guarded, isUuid, notFound, num, str, type Db, type Row } from './sql';

function toVersion(row: Row): CourseVersion {
  return {
    id: str(row.id),
    courseSlug: str(row.course_slug),
    version: str(row.version),
    trackingMajor: num(row.tracking_major),
    contentHash: str(row.content_hash),
    outline: row.outline as CourseOutline,
    createdAt: date(row.created_at),
  };
}

export class KnexCourseStore implements CourseStore {
  constructor(private readonly db: Db) {}

  async registerVersion(input: NewCourseVersion): Promise<CourseVersion> {
    await guarded(`The course ${input.courseSlug}`, () =>
      this.db('courses')
        .insert({ slug: input.courseSlug, title: input.courseTitle })
        .onConflict('slug')
        .merge(['title']),
    );
    // DO NOTHING + re-read keeps the first registration of a version: built content is immutable.
    await guarded(`Version ${input.version} of ${input.courseSlug}`, () =>
      this.db('course_versions')
        .insert({
          course_slug: input.courseSlug,
          version: input.version,
          tracking_major: input.trackingMajor,
          content_hash: input.contentHash,
          outline: JSON.stringify(input.outline),
        })
        .onConflict(['course_slug', 'version'])
        .ignore(),
    );
    const stored = await this.findVersion(input.courseSlug, input.version);
    return stored!;
  }

  async getVersion(id: string): Promise<CourseVersion> {
    const row = isUuid(id)
      ? ((await this.db('course_versions').where({ id }).first()) as Row | undefined)
      : undefined;
    if (!row) throw notFound('Course version', id);
    return toVersion(row);
  }

  async findVersion(slug: string, version: string): Promise<CourseVersion | null> {
    const row = (await this.db('course_versions').where({ course_slug: slug, version }).first()) as
      Row | undefined;
    return row ? toVersion(row) : null;
  }

  async latestVersion(slug: string): Promise<CourseVersion | null> {
    const row = (await this.db('course_versions')
      .where({ course_slug: slug })
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .first()) as Row | undefined;
    return row ? toVersion(row) : null;
  }

  async listCourses(): Promise<Course[]> {
    const rows = (await this.db('courses').orderBy('slug')) as Row[];
    return rows.map((row) => ({
      slug: str(row.slug),
      title: str(row.title),
      createdAt: date(row.created_at),
    }));
  }
}
