/** The player's URLs (DESIGN.md §5: the commit path is a contract). */
export const PLAYER_PATHS = {
  /** `GET /play/:attemptId?token=` — the player page. */
  play: (attemptId: string, token: string): string =>
    `/play/${encodeURIComponent(attemptId)}?token=${encodeURIComponent(token)}`,
  /** `POST /api/attempts/:attemptId/commit?token=` — the commit API. */
  commit: (attemptId: string, token: string): string =>
    `/api/attempts/${encodeURIComponent(attemptId)}/commit?token=${encodeURIComponent(token)}`,
  /**
   * The SCO of a course version, served by the content routes. New attempts play SCORM 2004; the
   * launch file is the one course-builder names in the manifest (`launchFile`, `index.html`).
   */
  content: (slug: string, version: string, scormVersion: '1.2' | '2004'): string =>
    `/content/${encodeURIComponent(slug)}/${encodeURIComponent(version)}/${scormVersion}/index.html`,
} as const;
