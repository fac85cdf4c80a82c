import { systemClock } from '@kompetenta/core';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import { createCheckinRouter } from './checkin/createCheckinRouter';
import { CONTENT_PATH, createContentRouter } from './content/contentRouter';
import { DeepLinkingPicker } from './deepLinking/DeepLinkingPicker';
import { asyncHandler } from './http/asyncHandler';
import { createLtiErrorMiddleware } from './http/ltiErrorMiddleware';
import { AUTO_SUBMIT_SCRIPT } from './http/autoSubmitScript';
import { REGISTRATION_CLOSE_SCRIPT } from './pages/registrationPages';
import { LTI_STORAGE_SCRIPT } from './http/ltiStorageScript';
import { publishedJwks } from './keys/publishedKeys';
import { ToolKeys } from './keys/toolKeys';
import { createLaunchHandler } from './launch/createLaunchHandler';
import { PlatformKeySets } from './launch/PlatformKeySets';
import { createLoginHandler } from './login/createLoginHandler';
import { COURSE_CHOICE_PATH, submitCourseChoice } from './launch/courseChooser';
import { createCommitRouter } from './player/createCommitRouter';
import { createPlayerRouter } from './player/createPlayerRouter';
import { createPlayerAssetsRouter } from './player/playerAssets';
import { canvasConfiguration } from './registration/canvasConfiguration';
import { createRegistrationHandler } from './registration/createRegistrationHandler';
import { LTI_PATHS, resolveLtiOptions, type LtiRouterDeps, type LtiRouterOptions } from './LtiRouterOptions';
import { useBasePath } from './http/basePath';

/**
 * The LTI 1.3 endpoints: `GET|POST /lti/login`, `POST /lti/launch`, `GET /lti/keys`,
 * `POST /lti/deep-linking` (the course picker's form), `GET /lti/canvas.json`,
 * `GET /lti/register` (Dynamic Registration), with their
 * own body and cookie parsing and one error middleware that answers every rejection with an
 * accessible page. Mount it at the root of the app (`app.use(createLtiRouter(deps, options))`).
 */
export function createLtiRouter(deps: LtiRouterDeps, options: LtiRouterOptions): Router {
  const resolved = resolveLtiOptions(options);
  const keySets = new PlatformKeySets({
    cooldownMs: resolved.jwksCooldownMs,
    cacheMaxAgeMs: resolved.jwksCacheMaxAgeMs,
  });
  const toolKeys = new ToolKeys(deps.lti.toolKeys, () => (deps.clock ?? systemClock).now());
  const router = Router();
  // The commit API first: the busiest route by far, matched before any other (it uses no base path).
  router.use(createCommitRouter(deps, resolved));
  router.use(useBasePath(resolved.publicUrl));
  router.use(createPlayerAssetsRouter());
  // Platforms post forms (login initiation, id_token); the bodies are small.
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const login = createLoginHandler(deps, resolved);
  router.get(LTI_PATHS.login, login);
  router.post(LTI_PATHS.login, form, login);
  const picker = new DeepLinkingPicker(deps, resolved, toolKeys);
  router.post(LTI_PATHS.launch, form, cookieParser(), createLaunchHandler(deps, resolved, keySets, picker));
  router.post(
    LTI_PATHS.deepLinking,
    form,
    asyncHandler((req, res) => picker.submit(req, res)),
  );
  router.get(
    LTI_PATHS.keys,
    asyncHandler(async (_req, res) => {
      const jwks = await publishedJwks(toolKeys, deps.stores, deps.platformServices);
      res.set('Cache-Control', 'public, max-age=300').json(jwks);
    }),
  );
  router.get(LTI_PATHS.canvasConfig, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(canvasConfiguration(resolved.publicUrl));
  });
  router.get(LTI_PATHS.register, createRegistrationHandler(deps, resolved));
  if (deps.content) router.use(CONTENT_PATH, createContentRouter(deps.content, deps.logger));
  router.use(createCheckinRouter(deps));
  router.post(
    COURSE_CHOICE_PATH,
    form,
    asyncHandler((req, res) => submitCourseChoice(deps, resolved, req, res)),
  );
  router.use(createPlayerRouter(deps, resolved));
  router.get(LTI_PATHS.storageScript, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/javascript').send(LTI_STORAGE_SCRIPT);
  });
  router.get(LTI_PATHS.registrationCloseScript, (_req, res) => {
    res
      .set('Cache-Control', 'public, max-age=300')
      .type('application/javascript')
      .send(REGISTRATION_CLOSE_SCRIPT);
  });
  router.get(LTI_PATHS.autoSubmitScript, (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/javascript').send(AUTO_SUBMIT_SCRIPT);
  });
  router.use('/lti', createLtiErrorMiddleware(deps.logger, resolved.publicUrl));
  return router;
}
