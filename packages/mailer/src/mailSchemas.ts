import { z } from 'zod';

/**
 * The data each template needs, validated before anything is rendered or enqueued. Objects are
 * strict so a misspelt field is reported instead of silently leaving a hole in the e-mail.
 */

/** Only web links: a `javascript:` or `file:` link never reaches a recipient. */
const link = z.url({ protocol: /^https?$/, error: 'must be an https:// or http:// link' });
const text = z.string().trim().min(1, 'must not be empty').max(300);
const isoDate = z.iso.date({ error: 'must be a date like 2026-03-01' });
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'must be a date and time like 2026-03-01T09:00:00Z',
});

const common = {
  /** Shown as the sender's display name and in the text. */
  organisationName: text,
  /** Greets the person by name when known. */
  recipientName: text.optional(),
};

export const templateData = {
  /** A sign-in link for someone an organisation admin invited. */
  invitation: z.strictObject({
    ...common,
    signInUrl: link,
    expiresAt: isoDateTime,
    courseTitles: z.array(text).max(20).optional(),
  }),
  /** A sign-in link the person asked for on the sign-in page (short-lived). */
  signInLink: z.strictObject({
    ...common,
    signInUrl: link,
    expiresAt: isoDateTime,
  }),
  /** A course started but not finished. Always carries an opt-out link. */
  reminder: z.strictObject({
    ...common,
    courseTitle: text,
    courseUrl: link,
    startedOn: isoDate,
    unsubscribeUrl: link,
  }),
  /** A finished course, with a link to the printable certificate. */
  completion: z.strictObject({
    ...common,
    courseTitle: text,
    completedOn: isoDate,
    hours: z.number().positive().max(1_000).optional(),
    certificateUrl: link,
  }),
  /** A network meeting, seminar or training day. */
  eventInvitation: z.strictObject({
    ...common,
    eventTitle: text,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    location: text,
    description: z.string().trim().max(2_000).optional(),
    eventUrl: link,
  }),
  /** Confirms recorded attendance at an event. */
  attendanceConfirmation: z.strictObject({
    ...common,
    eventTitle: text,
    attendedOn: isoDate,
    hours: z.number().positive().max(1_000).optional(),
    certificateUrl: link.optional(),
  }),
  /** The weekly progress summary for an organisation's staff. */
  staffDigest: z.strictObject({
    ...common,
    weekStarting: isoDate,
    progress: z
      .array(
        z.strictObject({
          label: text,
          achieved: z.number().int().nonnegative(),
          target: z.number().int().positive(),
        }),
      )
      .max(30),
    newCompletions: z.number().int().nonnegative(),
    /**
     * Set when the week's completions were fewer than the small-cell threshold (and not zero):
     * the mail then says "fewer than <n>", as the dashboard does, and `newCompletions` is ignored.
     */
    newCompletionsBelow: z.number().int().min(2).max(100).optional(),
    failedMessages: z.number().int().nonnegative(),
    dashboardUrl: link,
  }),
} as const;

/** The name of an e-mail template, e.g. `invitation` or `staffDigest`; one of {@link templateNames}. */
export type TemplateName = keyof typeof templateData;
/** Every template the mailer has, in declaration order. */
export const templateNames = Object.keys(templateData) as TemplateName[];
/** The languages every template is written in: Swedish and English. */
export const mailLocales = ['sv', 'en'] as const;
/** The language of an e-mail: one of {@link mailLocales}. */
export type MailLocale = (typeof mailLocales)[number];

const recipient = z.union([
  z.email({ error: 'must be an e-mail address' }),
  z.strictObject({ name: text, address: z.email({ error: 'must be an e-mail address' }) }),
]);

const requestFor = <T extends TemplateName>(template: T) =>
  z.strictObject({
    template: z.literal(template),
    locale: z.enum(mailLocales, { error: 'must be sv or en' }),
    to: recipient,
    data: templateData[template],
  });

/** One e-mail to send: which template, in which language, to whom, with what data. */
export const mailRequestSchema = z.discriminatedUnion(
  'template',
  [
    requestFor('invitation'),
    requestFor('signInLink'),
    requestFor('reminder'),
    requestFor('completion'),
    requestFor('eventInvitation'),
    requestFor('attendanceConfirmation'),
    requestFor('staffDigest'),
  ],
  { error: `must be one of ${templateNames.join(', ')}` },
);

/** A validated e-mail request. */
export type MailRequest = z.infer<typeof mailRequestSchema>;
/** The data of one template. */
export type TemplateData<T extends TemplateName> = z.infer<(typeof templateData)[T]>;
