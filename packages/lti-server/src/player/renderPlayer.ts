import { AppError, isAppError } from '@kompetenta/core';
import { initialCmiForLaunch } from '@kompetenta/scorm-runtime';
import type { LtiRouterDeps, ResolvedLtiOptions } from '../LtiRouterOptions';
import { playerPage, type PlayerPageConfig } from '../pages/playerPage';
import type { AttemptTokenClaims } from './attemptToken';
import { PLAYER_PATHS } from './playerPaths';

/**
 * The player page of an authorised attempt: the attempt, its course version and its learner are
 * read inside the token's organisation only (another tenant's attempt is not found), and the page
 * config carries the saved CMI as scorm-runtime prepares it for a new session.
 */
export async function renderPlayer(
  deps: LtiRouterDeps,
  options: ResolvedLtiOptions,
  claims: AttemptTokenClaims,
  token: string,
): Promise<string> {
  const { stores } = deps;
  const attempt = await stores.attempts
    .get(claims.organisationId, claims.attemptId)
    .catch((error: unknown) => {
      throw isAppError(error, 'STORE_RECORD_NOT_FOUND')
        ? new AppError('ATTEMPT_NOT_FOUND', undefined, { attemptId: claims.attemptId })
        : error;
    });
  if (attempt.personId !== claims.personId)
    throw new AppError('ATTEMPT_TOKEN_MISMATCH', undefined, { attemptId: attempt.id });
  const [person, version] = await Promise.all([
    stores.people.get(claims.organisationId, attempt.personId),
    stores.courses.getVersion(attempt.courseVersionId),
  ]);
  const config: PlayerPageConfig = {
    lang: 'sv',
    scormVersion: attempt.scormVersion,
    attemptId: attempt.id,
    contentUrl:
      options.basePath + PLAYER_PATHS.content(version.courseSlug, version.version, attempt.scormVersion),
    commitUrl: options.basePath + PLAYER_PATHS.commit(attempt.id, token),
    initialCmi: initialCmiForLaunch(
      attempt.scormVersion,
      attempt.cmi,
      // Our person id, not the LMS's subject: the content needs a stable id, nothing more.
      { id: person.id, name: person.name ?? '' },
      attempt,
    ),
    nextSeq: attempt.commitSeq + 1,
    course: { title: version.outline.title, lessons: version.outline.lessons },
    exitUrl: null,
    learnerName: person.name,
  };
  return playerPage(config, options.basePath);
}
