import type { MailRequest, TemplateName } from '../../src/index';

/** Valid data for every template, for tests that go through all of them. */
export const exampleData: { [T in TemplateName]: Extract<MailRequest, { template: T }>['data'] } = {
  invitation: {
    organisationName: 'Byalaget Norrgården',
    recipientName: 'Aisha',
    signInUrl: 'https://kompetenta.example/logga-in/abc123',
    expiresAt: '2026-03-08T16:00:00Z',
    courseTitles: ['Handledarutbildning', 'Tillgänglighet'],
  },
  signInLink: {
    organisationName: 'Byalaget Norrgården',
    recipientName: 'Aisha',
    signInUrl: 'https://kompetenta.example/signin/abc123',
    expiresAt: '2026-03-01T09:30:00Z',
  },
  reminder: {
    organisationName: 'Byalaget Norrgården',
    courseTitle: 'Handledarutbildning',
    courseUrl: 'https://kompetenta.example/kurser/handledare',
    startedOn: '2026-02-20',
    unsubscribeUrl: 'https://kompetenta.example/paminnelser/avsluta/tok123',
  },
  completion: {
    organisationName: 'Byalaget Norrgården',
    recipientName: 'Aisha',
    courseTitle: 'Handledarutbildning',
    completedOn: '2026-03-01',
    hours: 6,
    certificateUrl: 'https://kompetenta.example/intyg/42',
  },
  eventInvitation: {
    organisationName: 'Hela Sverige ska leva',
    eventTitle: 'Nätverksträff i Umeå',
    startsAt: '2026-04-14T07:30:00Z',
    endsAt: '2026-04-14T14:00:00Z',
    location: 'Folkets hus, Umeå',
    description: 'Vi pratar om handledning och tillgängliga möten.',
    eventUrl: 'https://kompetenta.example/traffar/7',
  },
  attendanceConfirmation: {
    organisationName: 'Hela Sverige ska leva',
    eventTitle: 'Nätverksträff i Umeå',
    attendedOn: '2026-04-14',
    hours: 5,
    certificateUrl: 'https://kompetenta.example/intyg/traff/7',
  },
  staffDigest: {
    organisationName: 'Hela Sverige ska leva',
    weekStarting: '2026-03-02',
    progress: [
      { label: 'Utbildade handledare', achieved: 45, target: 100 },
      { label: 'Styrelseutbildade', achieved: 12, target: 40 },
    ],
    newCompletions: 7,
    failedMessages: 2,
    dashboardUrl: 'https://kompetenta.example/oversikt',
  },
};

/** A request for `template` in `locale` with the example data. */
export function exampleRequest(
  template: TemplateName,
  locale: 'sv' | 'en',
  to = 'aisha@example.se',
): MailRequest {
  return { template, locale, to, data: exampleData[template] } as MailRequest;
}

/** Every http(s) link target in an HTML part, with its link text. */
export function linksIn(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\s[^>]*href=(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/g)].map(([, , href, text]) => ({
    href: (href ?? '').replace(/&amp;/g, '&'),
    text: (text ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}
