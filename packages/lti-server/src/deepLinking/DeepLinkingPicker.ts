import { AppError, systemClock, type Clock, type ResolvedTenant } from '@kompetenta/core';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { ToolKeys } from '../keys/toolKeys';
import { LTI_PATHS, type LtiRouterDeps, type ResolvedLtiOptions } from '../LtiRouterOptions';
import {
  deepLinkReturnPage,
  PICKER_TEXTS,
  pickerLanguage,
  pickerPage,
  type PickerLanguage,
} from '../pages/deepLinkingPages';
import { asLtiTenancyError } from '../tenancyErrors';
import { listCourseChoices, type CourseChoice } from './courseChoices';
import { contentItems, signDeepLinkingResponse } from './deepLinkingResponse';
import type { DeepLinkingRequest } from './readDeepLinkingClaims';
import type { DeepLinkSession } from '@kompetenta/core';

function picked(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((item): item is string => typeof item === 'string' && item !== ''))];
}

/**
 * Deep Linking 2.0 for Kompetenta: after a verified `LtiDeepLinkingRequest` it stores a session
 * and shows the course picker; the picker's post must carry that session's token (single use, so
 * a forged or replayed form gets nothing) and answers with the signed response for the platform.
 */
export class DeepLinkingPicker {
  private readonly clock: Clock;

  constructor(
    private readonly deps: LtiRouterDeps,
    private readonly options: ResolvedLtiOptions,
    private readonly toolKeys: ToolKeys,
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Starts a picker session for a verified request and renders the picker. */
  async show(res: Response, tenant: ResolvedTenant, request: DeepLinkingRequest): Promise<void> {
    const session = await this.startSession({
      platformId: tenant.platform.id,
      issuer: tenant.platform.issuer,
      clientId: tenant.platform.clientId,
      deploymentId: tenant.deployment.deploymentId,
      organisationId: tenant.deployment.organisationId,
      returnUrl: request.returnUrl,
      data: request.data,
      acceptMultiple: request.acceptMultiple,
    });
    this.deps.logger.info(
      { organisationId: session.organisationId, platformId: session.platformId },
      'LTI deep linking: picker shown',
    );
    const courses = await listCourseChoices(this.deps.stores);
    const lang = pickerLanguage(request.locale);
    this.sendPage(res, 200, pickerPage(courses, this.form(session, request.contextTitle, lang)));
  }

  /** `POST /lti/deep-linking`: checks the token and the picks, then returns to the platform. */
  async submit(req: Request, res: Response): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    // The language the picker was shown in travels with its form (it chooses words, nothing else).
    const lang: PickerLanguage = body.lang === 'en' ? 'en' : 'sv';
    const texts = PICKER_TEXTS[lang];
    const session = token === '' ? null : await this.deps.lti.deepLinkSessions.consume(token);
    if (!session) throw new AppError('LTI_DEEP_LINKING_SESSION_UNKNOWN');
    // The registration may have been removed while the teacher was picking.
    await this.deps.stores.tenants
      .resolve({ issuer: session.issuer, clientId: session.clientId, deploymentId: session.deploymentId })
      .catch((error: unknown) => {
        throw asLtiTenancyError(error);
      });
    const courses = await listCourseChoices(this.deps.stores);
    const slugs = picked(body.course);
    const chosen = slugs
      .map((slug) => courses.find((course) => course.slug === slug))
      .filter((course): course is CourseChoice => course !== undefined);
    const problem =
      slugs.length === 0
        ? texts.pickOne
        : chosen.length !== slugs.length
          ? texts.gone
          : !session.acceptMultiple && chosen.length > 1
            ? texts.onlyOne
            : null;
    if (problem) {
      // Shown again with a fresh token: the old one is spent, the teacher should not have to restart.
      const fresh = await this.startSession(session);
      this.deps.logger.warn(
        { code: 'LTI_DEEP_LINKING_SELECTION_INVALID', picked: slugs, platformId: session.platformId },
        'LTI deep linking: selection rejected',
      );
      this.sendPage(res, 422, pickerPage(courses, { ...this.form(fresh, null, lang), problem }));
      return;
    }
    const items = contentItems(chosen, `${this.options.publicUrl}${LTI_PATHS.launch}`);
    const jwt = await signDeepLinkingResponse(this.toolKeys, session, items, this.clock.now());
    this.deps.logger.info(
      { organisationId: session.organisationId, courses: chosen.map((course) => course.slug) },
      'LTI deep linking: courses placed',
    );
    this.sendPage(
      res,
      200,
      deepLinkReturnPage(
        session.returnUrl,
        jwt,
        chosen.length,
        lang,
        `${this.options.publicUrl}${LTI_PATHS.autoSubmitScript}`,
      ),
    );
  }

  private async startSession(fields: Omit<DeepLinkSession, 'token' | 'expiresAt'>): Promise<DeepLinkSession> {
    const session: DeepLinkSession = {
      platformId: fields.platformId,
      issuer: fields.issuer,
      clientId: fields.clientId,
      deploymentId: fields.deploymentId,
      organisationId: fields.organisationId,
      returnUrl: fields.returnUrl,
      data: fields.data,
      acceptMultiple: fields.acceptMultiple,
      token: randomBytes(32).toString('base64url'),
      expiresAt: new Date(this.clock.now().getTime() + this.options.deepLinkSessionTtlSeconds * 1000),
    };
    await this.deps.lti.deepLinkSessions.save(session);
    return session;
  }

  private form(session: DeepLinkSession, contextTitle: string | null, lang: PickerLanguage) {
    return {
      lang,
      action: `${this.options.publicUrl}${LTI_PATHS.deepLinking}`,
      token: session.token,
      acceptMultiple: session.acceptMultiple,
      contextTitle,
    };
  }

  private sendPage(res: Response, status: number, body: string): void {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(body);
  }
}
