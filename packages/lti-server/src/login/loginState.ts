import { randomBytes } from 'node:crypto';

/**
 * What a login must remember for the launch beyond what the database row holds: the hints a
 * fresh login in a new window needs, and where the platform keeps data for the tool (LTI Client
 * Side postMessages, `lti_storage_target`) with the origin it answers from.
 */
export interface LoginHints {
  readonly loginHint: string;
  readonly messageHint: string | null;
  readonly storageTarget: string | null;
  /** The origin of the platform's authorization endpoint: the only one the storage talks to. */
  readonly storageOrigin: string | null;
}

interface EncodedHints {
  h: string;
  m?: string;
  t?: string;
  o?: string;
}

/**
 * A new state: 256 random bits, then the hints as base64url JSON. The whole string is the
 * database key, so hints cannot be changed without the state becoming unknown; they are read
 * before the state is consumed only to choose which page to answer with, never to trust anything.
 */
export function newState(hints: LoginHints): string {
  const encoded: EncodedHints = { h: hints.loginHint };
  if (hints.messageHint !== null) encoded.m = hints.messageHint;
  if (hints.storageTarget !== null && hints.storageOrigin !== null) {
    encoded.t = hints.storageTarget;
    encoded.o = hints.storageOrigin;
  }
  const random = randomBytes(32).toString('base64url');
  return `${random}.${Buffer.from(JSON.stringify(encoded)).toString('base64url')}`;
}

/** The hints of a state made by `newState`, or null for any other string. */
export function readStateHints(state: string): LoginHints | null {
  const [, payload, ...rest] = state.split('.');
  if (payload === undefined || rest.length > 0) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<EncodedHints>;
    if (typeof value.h !== 'string') return null;
    const target = typeof value.t === 'string' && typeof value.o === 'string' ? value.t : null;
    return {
      loginHint: value.h,
      messageHint: typeof value.m === 'string' ? value.m : null,
      storageTarget: target,
      storageOrigin: target === null ? null : String(value.o),
    };
  } catch {
    return null;
  }
}

/** The platform storage key of a login: short, and unique per login. */
export function storageKey(state: string): string {
  return `kompetenta_lti_${state.split('.')[0] ?? ''}`;
}
