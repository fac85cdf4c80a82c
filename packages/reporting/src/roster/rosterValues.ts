import {
  GENDERS,
  MUNICIPALITIES,
  PARTICIPANT_ROLES,
  type Gender,
  type ParticipantRole,
} from '@kompetenta/core';
import { foldKey } from './rosterColumns';

/** A cell read as a value, or why it cannot be. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

function lookup<T>(entries: readonly (readonly [string, T])[]): Map<string, T> {
  return new Map(entries.map(([text, value]) => [foldKey(text), value]));
}

/** Gender as people write it on a sign-up sheet; the vocabulary values themselves fold to these too. */
const genders = lookup<Gender>([
  ...GENDERS.map((g) => [g, g] as const),
  ['kvinna', 'kvinna'],
  ['woman', 'kvinna'],
  ['female', 'kvinna'],
  ['man', 'man'],
  ['male', 'man'],
  ['annat', 'annat'],
  ['other', 'annat'],
  ['icke-binär', 'annat'],
  ['vill ej uppge', 'vill_ej_uppge'],
  ['vill inte uppge', 'vill_ej_uppge'],
  ['prefer not to say', 'vill_ej_uppge'],
]);

/** Roles in the vocabulary's spelling, with Swedish letters, and as the labels read. */
const roles = lookup<ParticipantRole>([
  ...PARTICIPANT_ROLES.map((r) => [r, r] as const),
  ['styrelseledamot/förtroendevald', 'styrelseledamot'],
  ['förtroendevald', 'styrelseledamot'],
  ['af', 'arbetsformedlingen'],
  ['fk', 'forsakringskassan'],
  ['kommunen', 'kommun'],
  ['mentor', 'handledare'],
  ['employee', 'anstalld'],
  ['board member', 'styrelseledamot'],
  ['other', 'ovrig'],
]);

const consents = lookup<boolean>([
  ['ja', true],
  ['yes', true],
  ['x', true],
  ['1', true],
  ['true', true],
  ['nej', false],
  ['no', false],
  ['0', false],
  ['false', false],
]);

const municipalityByName = new Map(MUNICIPALITIES.map((m) => [foldKey(m.name), m.code]));
const municipalityCodes = new Set(MUNICIPALITIES.map((m) => m.code));

/** Deliberately simple: one @, no spaces, a dot in the domain. Delivery is the real test. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A required e-mail address. */
export function parseEmail(text: string): Parsed<string> {
  if (text === '') return bad('is empty; every row needs an e-mail address');
  return EMAIL.test(text) ? ok(text) : bad(`"${text}" is not an e-mail address`);
}

/** Empty means "not recorded" — never a guess. */
export function parseGender(text: string): Parsed<Gender | null> {
  if (text === '') return ok(null);
  const value = genders.get(foldKey(text));
  return value ? ok(value) : bad(`"${text}" is not one of kvinna, man, annat, vill ej uppge (or empty)`);
}

/** A participant role by its vocabulary value, Swedish spelling or label; empty is not recorded. */
export function parseRole(text: string): Parsed<ParticipantRole | null> {
  if (text === '') return ok(null);
  const value = roles.get(foldKey(text));
  return value ? ok(value) : bad(`"${text}" is not one of ${PARTICIPANT_ROLES.join(', ')} (or empty)`);
}

/** Empty consent is no consent. */
export function parseConsent(text: string): Parsed<boolean> {
  if (text === '') return ok(false);
  const value = consents.get(foldKey(text));
  return value === undefined ? bad(`"${text}" is not ja or nej`) : ok(value);
}

/** A four-digit SCB kommunkod or a kommun's name. */
export function parseMunicipality(text: string): Parsed<string | null> {
  if (text === '') return ok(null);
  if (municipalityCodes.has(text)) return ok(text);
  const code = municipalityByName.get(foldKey(text));
  return code ? ok(code) : bad(`"${text}" is not an SCB kommunkod or the name of a kommun`);
}
