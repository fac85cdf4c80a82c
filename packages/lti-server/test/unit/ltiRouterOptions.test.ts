import { isAppError } from '@kompetenta/core';
import { expect } from 'chai';
import { createLtiRouter, type LtiRouterDeps, type LtiRouterOptions } from '../../src/index';
import { resolveLtiOptions } from '../../src/LtiRouterOptions';

/** The AppError a call throws, or a failed assertion when it throws nothing or something else. */
function thrownBy(call: () => unknown): { code: string; message: string; problems: string[] } {
  try {
    call();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, message: error.message, problems: error.details?.problems as string[] };
  }
  throw new Error('expected an AppError, nothing was thrown');
}

describe('createLtiRouter options', function () {
  it('resolves valid options with their defaults and the base path of publicUrl', function () {
    const resolved = resolveLtiOptions({ publicUrl: 'https://portal.example/learning/' });
    expect(resolved).to.deep.include({
      publicUrl: 'https://portal.example/learning',
      basePath: '/learning',
      secureCookies: true,
      clockSkewSeconds: 60,
      autoApprove: false,
    });
  });

  for (const publicUrl of [
    '',
    'portal.example',
    '/learning',
    'ftp://portal.example',
    'https://portal.example/?x=1',
    'https://portal.example/#top',
  ]) {
    it(`refuses publicUrl ${JSON.stringify(publicUrl)} with LTI_ROUTER_OPTIONS_INVALID naming it`, function () {
      const thrown = thrownBy(() => resolveLtiOptions({ publicUrl }));
      expect(thrown.code).to.equal('LTI_ROUTER_OPTIONS_INVALID');
      expect(thrown.problems).to.have.length(1);
      expect(thrown.problems[0]).to.include('publicUrl').and.include(JSON.stringify(publicUrl));
    });
  }

  it('names every bad option at once: numbers below their least value, not finite or not numbers', function () {
    const options = {
      publicUrl: 'http://localhost:3000',
      clockSkewSeconds: -1,
      loginStateTtlSeconds: 0,
      jwksCooldownMs: Number.NaN,
      registrationTimeoutMs: '10000',
      autoApprove: 'yes',
    } as unknown as LtiRouterOptions;
    const thrown = thrownBy(() => resolveLtiOptions(options));
    expect(thrown.code).to.equal('LTI_ROUTER_OPTIONS_INVALID');
    expect(thrown.problems.map((problem) => problem.split(' ')[0])).to.deep.equal([
      'clockSkewSeconds',
      'loginStateTtlSeconds',
      'jwksCooldownMs',
      'registrationTimeoutMs',
      'autoApprove',
    ]);
    expect(thrown.message).to.include('clockSkewSeconds must be a number of at least 0 (got -1)');
  });

  it('refuses them when the router is made, before it touches its dependencies', function () {
    const deps = {} as LtiRouterDeps; // never read: the options are checked first
    const thrown = thrownBy(() => createLtiRouter(deps, { publicUrl: 'not a url' }));
    expect(thrown.code).to.equal('LTI_ROUTER_OPTIONS_INVALID');
  });
});
