import { GENDERS, PARTICIPANT_ROLES, type Gender, type ParticipantRole } from '@kompetenta/core';
import type { CheckinProblem } from './checkinText';

/** The form's fields, in page order (the error summary lists problems in this order). */
export const CHECKIN_FIELDS = ['name', 'email', 'organisation', 'role', 'gender', 'consent'] as const;
export type CheckinField = (typeof CHECKIN_FIELDS)[number];

/** What the person typed, kept as text so the form can be shown again unchanged. */
export type CheckinValues = Readonly<Record<CheckinField, string>>;

/** A valid check-in. Gender null: not given (not recorded, never inferred). */
export interface CheckinSubmission {
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  readonly role: ParticipantRole;
  readonly gender: Gender | null;
}

export type CheckinFormResult =
  | { readonly ok: true; readonly submission: CheckinSubmission }
  | {
      readonly ok: false;
      readonly values: CheckinValues;
      readonly problems: Partial<Record<CheckinField, CheckinProblem>>;
    };

const MAX_TEXT = 200;
// Deliberately loose: one @, a dot in the domain, no spaces. The address is checked by use, not by regex.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(body: Record<string, unknown>, field: CheckinField): string {
  const value = body[field];
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

export const EMPTY_CHECKIN: CheckinValues = {
  name: '',
  email: '',
  organisation: '',
  role: '',
  gender: '',
  consent: '',
};

/** Checks every field at once; on any problem nothing is stored and all problems are shown. */
export function readCheckinForm(body: unknown): CheckinFormResult {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const values: CheckinValues = {
    name: text(fields, 'name'),
    email: text(fields, 'email'),
    organisation: text(fields, 'organisation'),
    role: text(fields, 'role'),
    gender: text(fields, 'gender'),
    consent: text(fields, 'consent'),
  };
  const problems: Partial<Record<CheckinField, CheckinProblem>> = {};
  if (values.name === '') problems.name = 'nameMissing';
  else if (values.name.length > MAX_TEXT) problems.name = 'nameLong';
  if (!EMAIL.test(values.email) || values.email.length > 254) problems.email = 'emailInvalid';
  if (values.organisation === '') problems.organisation = 'organisationMissing';
  else if (values.organisation.length > MAX_TEXT) problems.organisation = 'organisationLong';
  const role = PARTICIPANT_ROLES.find((known) => known === values.role);
  if (!role) problems.role = 'roleMissing';
  const gender =
    values.gender === '' ? null : (GENDERS.find((known) => known === values.gender) ?? undefined);
  if (gender === undefined) problems.gender = 'genderInvalid';
  if (values.consent !== 'yes') problems.consent = 'consentMissing';
  if (Object.keys(problems).length > 0 || !role || gender === undefined)
    return { ok: false, values, problems };
  return {
    ok: true,
    submission: { name: values.name, email: values.email, organisation: values.organisation, role, gender },
  };
}
