/**
 * LTI role URIs (LTI Core 1.3 Appendix A). Platforms send full URIs; LTI 1.1 style short names
 * (`Instructor`) still appear from older platforms and are accepted as context roles.
 */
const VOCAB = 'http://purl.imsglobal.org/vocab';

/** The LTI 1.3 role URIs the tool recognises, by short name (system, institution and context roles). */
export const LTI_ROLES = {
  systemAdministrator: `${VOCAB}/lis/v2/system/person#Administrator`,
  institutionAdministrator: `${VOCAB}/lis/v2/institution/person#Administrator`,
  institutionFaculty: `${VOCAB}/lis/v2/institution/person#Faculty`,
  institutionInstructor: `${VOCAB}/lis/v2/institution/person#Instructor`,
  institutionStudent: `${VOCAB}/lis/v2/institution/person#Student`,
  institutionLearner: `${VOCAB}/lis/v2/institution/person#Learner`,
  contextAdministrator: `${VOCAB}/lis/v2/membership#Administrator`,
  contextContentDeveloper: `${VOCAB}/lis/v2/membership#ContentDeveloper`,
  contextInstructor: `${VOCAB}/lis/v2/membership#Instructor`,
  contextLearner: `${VOCAB}/lis/v2/membership#Learner`,
  contextMentor: `${VOCAB}/lis/v2/membership#Mentor`,
  contextTeachingAssistant: `${VOCAB}/lis/v2/membership/Instructor#TeachingAssistant`,
} as const;

/** Roles that see the course overview (staff) rather than the learner's course page. */
const STAFF_ROLES: ReadonlySet<string> = new Set([
  LTI_ROLES.systemAdministrator,
  LTI_ROLES.institutionAdministrator,
  LTI_ROLES.institutionFaculty,
  LTI_ROLES.institutionInstructor,
  LTI_ROLES.contextAdministrator,
  LTI_ROLES.contextContentDeveloper,
  LTI_ROLES.contextInstructor,
  LTI_ROLES.contextTeachingAssistant,
  'Instructor',
  'Administrator',
  'ContentDeveloper',
  'TeachingAssistant',
]);

/** True when any of the roles makes the person staff for this context (instructor or administrator). */
export function isStaffRole(roles: readonly string[]): boolean {
  return roles.some((role) => STAFF_ROLES.has(role));
}
