import type { Gender, ParticipantRole } from '@kompetenta/core';

/** The languages of the check-in form: Swedish first, English on request (`?lang=en`). */
export type CheckinLanguage = 'sv' | 'en';

export function checkinLanguage(value: unknown): CheckinLanguage {
  return value === 'en' ? 'en' : 'sv';
}

/** The roles as a participant recognises them (domain.md §1.4). */
export const ROLE_TEXT: Readonly<Record<CheckinLanguage, Record<ParticipantRole, string>>> = {
  sv: {
    handledare: 'Handledare',
    anstalld: 'Anställd',
    styrelseledamot: 'Styrelseledamot eller förtroendevald',
    arbetsformedlingen: 'Arbetsförmedlingen',
    kommun: 'Kommun',
    forsakringskassan: 'Försäkringskassan',
    ovrig: 'Övrig',
  },
  en: {
    handledare: 'Mentor (handledare)',
    anstalld: 'Employee',
    styrelseledamot: 'Board member or elected representative',
    arbetsformedlingen: 'Swedish Public Employment Service',
    kommun: 'Municipality',
    forsakringskassan: 'Swedish Social Insurance Agency',
    ovrig: 'Other',
  },
};

export const GENDER_TEXT: Readonly<Record<CheckinLanguage, Record<Gender, string>>> = {
  sv: { kvinna: 'Kvinna', man: 'Man', annat: 'Annat', vill_ej_uppge: 'Vill ej uppge' },
  en: { kvinna: 'Woman', man: 'Man', annat: 'Other', vill_ej_uppge: 'Prefer not to say' },
};

/** Every sentence of the form, per language. */
export const CHECKIN_TEXT = {
  sv: {
    title: 'Anmäl att du är här',
    intro: 'Fyll i formuläret så registrerar vi att du deltar.',
    other: 'In English',
    name: 'Namn',
    email: 'E-post',
    emailHint: 'Vi känner igen dig med hjälp av e-postadressen om du har varit med förut.',
    organisation: 'Organisation',
    organisationHint: 'Föreningen, företaget eller myndigheten du kommer från.',
    role: 'Din roll',
    chooseRole: 'Välj roll',
    gender: 'Kön (frivilligt)',
    genderHint:
      'Vi använder uppgiften bara för könsuppdelad statistik till projektets finansiär. Svaren redovisas aldrig så att enskilda kan identifieras.',
    genderUnset: 'Inget svar',
    consentHeading: 'Så använder vi dina uppgifter',
    consentText:
      'Vi sparar ditt namn, din e-post, din organisation, din roll och att du var här. Uppgifterna används för att redovisa projektet till finansiären. I rapporterna syns bara antal, aldrig namn. Du kan se och ändra dina uppgifter, och du kan be oss ta bort dem.',
    consent: 'Jag har läst texten och vill att min närvaro registreras.',
    submit: 'Skicka',
    errorSummary: 'Formuläret har fel',
    errorPrefix: 'Fel:',
    doneTitle: 'Tack, du är registrerad',
    doneText: 'Din närvaro är registrerad. Du kan stänga sidan.',
    doneAgain: 'Du var redan registrerad på det här tillfället. Vi har inte sparat något nytt.',
    errors: {
      nameMissing: 'Skriv ditt namn.',
      nameLong: 'Namnet får vara högst 200 tecken.',
      emailInvalid: 'Skriv en e-postadress, till exempel namn@exempel.se.',
      organisationMissing: 'Skriv namnet på din organisation.',
      organisationLong: 'Organisationens namn får vara högst 200 tecken.',
      roleMissing: 'Välj din roll.',
      genderInvalid: 'Välj ett av svaren om kön, eller Inget svar.',
      consentMissing: 'Kryssa i rutan för att registrera din närvaro.',
    },
  },
  en: {
    title: 'Check in',
    intro: 'Fill in the form and we record that you are here.',
    other: 'På svenska',
    name: 'Name',
    email: 'E-mail',
    emailHint: 'We recognise you by your e-mail address if you have taken part before.',
    organisation: 'Organisation',
    organisationHint: 'The association, company or authority you come from.',
    role: 'Your role',
    chooseRole: 'Choose a role',
    gender: 'Gender (optional)',
    genderHint:
      'We use it only for statistics by gender for the programme’s funder. Answers are never shown so that a person can be identified.',
    genderUnset: 'No answer',
    consentHeading: 'How we use your details',
    consentText:
      'We keep your name, e-mail, organisation, role and that you attended. We use them to report on the programme to its funder. Reports show only numbers, never names. You can see and change your details, and you can ask us to remove them.',
    consent: 'I have read the text and want my attendance recorded.',
    submit: 'Send',
    errorSummary: 'There is a problem with the form',
    errorPrefix: 'Error:',
    doneTitle: 'Thank you, you are checked in',
    doneText: 'Your attendance is recorded. You can close this page.',
    doneAgain: 'You were already checked in for this event. Nothing new was saved.',
    errors: {
      nameMissing: 'Enter your name.',
      nameLong: 'The name can be at most 200 characters.',
      emailInvalid: 'Enter an e-mail address, such as name@example.com.',
      organisationMissing: 'Enter the name of your organisation.',
      organisationLong: 'The organisation name can be at most 200 characters.',
      roleMissing: 'Choose your role.',
      genderInvalid: 'Choose one of the answers about gender, or No answer.',
      consentMissing: 'Tick the box to record your attendance.',
    },
  },
} as const;

export type CheckinProblem = keyof (typeof CHECKIN_TEXT)['sv']['errors'];
