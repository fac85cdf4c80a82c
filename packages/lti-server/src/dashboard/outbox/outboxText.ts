import type { DashboardLang } from '../dashboardText';

/** Every fixed text of the page of messages that could not be delivered, per language. */
export const OUTBOX_TEXT = {
  sv: {
    title: 'Meddelanden som inte gick fram',
    intro:
      'Här visas betyg som lärplattformen inte tog emot och e-post som inte kunde levereras. ' +
      'Åtgärda orsaken först, till exempel kopplingen till lärplattformen eller e-postadressen, och välj sedan Försök igen.',
    none: 'Alla meddelanden har gått fram. Det finns inget att göra.',
    caption: 'Meddelanden som inte gick fram, äldst först',
    topic: 'Typ',
    created: 'Skapat',
    tries: 'Försök',
    about: 'Gäller',
    lastError: 'Senaste fel',
    action: 'Åtgärd',
    grade: 'Betyg',
    mail: 'E-post',
    attempt: (id: string) => `Kursförsök ${id}`,
    platform: (name: string) => `Lärplattform: ${name}`,
    course: (name: string) => `Kurs: ${name}`,
    learner: (name: string) => `Deltagare: ${name}`,
    template: (name: string) => `Mall: ${name}`,
    retry: 'Försök igen',
    retryLabel: (id: number) => `Försök igen med meddelande ${id}`,
    requeued: (id: number) => `Meddelande ${id} skickas igen inom kort.`,
  },
  en: {
    title: 'Messages that were not delivered',
    intro:
      'Grades the learning platform refused and e-mails that could not be delivered. ' +
      'Fix the cause first, such as the link to the learning platform or the e-mail address, then choose Try again.',
    none: 'Every message was delivered. There is nothing to do.',
    caption: 'Messages that were not delivered, oldest first',
    topic: 'Type',
    created: 'Created',
    tries: 'Tries',
    about: 'About',
    lastError: 'Last error',
    action: 'Action',
    grade: 'Grade',
    mail: 'E-mail',
    attempt: (id: string) => `Course attempt ${id}`,
    platform: (name: string) => `Learning platform: ${name}`,
    course: (name: string) => `Course: ${name}`,
    learner: (name: string) => `Learner: ${name}`,
    template: (name: string) => `Template: ${name}`,
    retry: 'Try again',
    retryLabel: (id: number) => `Try again with message ${id}`,
    requeued: (id: number) => `Message ${id} will be sent again shortly.`,
  },
} as const satisfies Record<DashboardLang, unknown>;
