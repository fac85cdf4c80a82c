import {
  AppError,
  isAppError,
  LTI_SCOPES,
  type DeliverMessage,
  type Platform,
  type Stores,
} from '@kompetenta/core';
import type { AgsTokenSource } from './AgsTokenSource';
import { isTransientStatus, platformUnavailable, tokenFailure, withinTime } from './gradeFailures';
import { readGradePayload } from './gradePayload';
import { postScore, type ScoreAnswer } from './postScore';
import { scoresUrl } from './scoresUrl';

/** What {@link createGradeDelivery} needs. */
export interface GradeDeliveryDeps {
  readonly stores: Pick<Stores, 'tenants'>;
  readonly tokens: AgsTokenSource;
  /** Longest one request (token or score) may take. Default 10 000 ms. */
  readonly requestTimeoutMs?: number;
  /**
   * Longest a whole delivery may take, the 401 retry included. Default 25 000 ms. The worker's
   * lease margin must be at least this, so a delivery never outlives the lease.
   */
  readonly timeBudgetMs?: number;
}

const SCORE_SCOPES = [LTI_SCOPES.agsScore] as const;
export const GRADE_DELIVERY_DEFAULTS = { requestTimeoutMs: 10_000, timeBudgetMs: 25_000 } as const;

async function loadPlatform(stores: GradeDeliveryDeps['stores'], platformId: string): Promise<Platform> {
  try {
    return await stores.tenants.getPlatform(platformId);
  } catch (error) {
    if (isAppError(error, 'STORE_RECORD_NOT_FOUND'))
      throw new AppError(
        'GRADE_PLATFORM_REMOVED',
        `Platform ${platformId} is no longer registered, so the grade cannot be sent.`,
        { permanent: true, platformId },
      );
    throw error;
  }
}

/**
 * The delivery of outbox messages of topic `grade`: one AGS score POSTed to the line item's
 * score endpoint with a client-credentials token (scope `.../score`). Everything it needs is in
 * the message and the platform row, so it works days after the launch. Failures are classified
 * for the outbox worker: no answer, 5xx and 429 (with its Retry-After) are transient; other 4xx,
 * a removed platform and a bad payload are permanent (`details.permanent`). A 401 drops the
 * cached token and tries once more with a new one.
 */
export function createGradeDelivery(deps: GradeDeliveryDeps): DeliverMessage {
  const requestTimeoutMs = deps.requestTimeoutMs ?? GRADE_DELIVERY_DEFAULTS.requestTimeoutMs;
  const timeBudgetMs = deps.timeBudgetMs ?? GRADE_DELIVERY_DEFAULTS.timeBudgetMs;

  return async (message) => {
    const deadline = Date.now() + timeBudgetMs;
    const timeLeft = () => Math.min(requestTimeoutMs, deadline - Date.now());
    const payload = readGradePayload(message.payload);
    const platform = await loadPlatform(deps.stores, payload.platformId);
    const url = scoresUrl(payload.lineItemUrl);

    const token = async (): Promise<string> => {
      const fetchToken = async () => {
        try {
          return await deps.tokens.accessToken(platform, SCORE_SCOPES);
        } catch (error) {
          if (!isAppError(error, 'LTI_PLATFORM_UNKNOWN')) throw error;
          await deps.tokens.register(platform); // first service call for this platform
          return deps.tokens.accessToken(platform, SCORE_SCOPES);
        }
      };
      try {
        return await withinTime(fetchToken(), timeLeft(), `The token request to ${platform.issuer}`);
      } catch (error) {
        throw tokenFailure(platform.issuer, error);
      }
    };

    let answer: ScoreAnswer = await postScore(url, payload.score, await token(), timeLeft());
    if (answer.status === 401) {
      // The platform no longer takes the token ltijs cached (revoked, or expired early).
      await deps.tokens.forgetAccessToken(platform, SCORE_SCOPES);
      answer = await postScore(url, payload.score, await token(), timeLeft());
      if (answer.status === 401)
        throw new AppError(
          'GRADE_TOKEN_REFUSED',
          `The score endpoint ${url} answered 401 to a new access token: ${answer.body}`,
          { permanent: true, status: 401, body: answer.body },
        );
    }
    if (answer.status >= 200 && answer.status < 300) return;
    if (isTransientStatus(answer.status))
      throw platformUnavailable(
        `The score endpoint ${url} answered ${answer.status}; the grade will be sent again.`,
        {
          status: answer.status,
          ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
        },
      );
    throw new AppError(
      'GRADE_SCORE_REJECTED',
      `The score endpoint ${url} answered ${answer.status}: ${answer.body}`,
      {
        permanent: true,
        status: answer.status,
        body: answer.body,
      },
    );
  };
}
