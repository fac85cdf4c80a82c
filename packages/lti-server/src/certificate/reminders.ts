import { enqueueMail, type Stores } from '@kompetenta/core';
import { optOutToken, OPT_OUT_PATH } from './mailLinks';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD in Swedish time (sv-SE formats dates that way). */
export function stockholmDate(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** `REMINDER_DAYS=7,14` → [7, 14]: whole days after the start, ascending, no repeats. */
export function parseReminderDays(text: string): number[] {
  const days = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  if (days.some((day) => !Number.isInteger(day) || day < 1 || day > 365))
    throw new Error('must be whole days between 1 and 365, separated by commas (e.g. 7,14)');
  return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * Enqueues the reminders that are due: for each started, unfinished course of a standalone person
 * who has not opted out, the latest schedule step that has passed since the start. The outbox key
 * `reminder:<attempt>:<days>` makes a step go out at most once however often this runs and on
 * however many instances; a step that passed while another was due is skipped, not sent late.
 * Returns how many reminders were due (already enqueued ones included).
 */
export async function enqueueDueReminders(
  stores: Stores,
  input: {
    now: Date;
    reminderDays: readonly number[];
    publicUrl: string;
    secret: Uint8Array;
    limit?: number;
  },
): Promise<number> {
  if (input.reminderDays.length === 0) return 0;
  const first = input.reminderDays[0]!;
  const candidates = await stores.mailPreferences.reminderCandidates(
    new Date(input.now.getTime() - first * DAY_MS),
    input.limit ?? 500,
  );
  let due = 0;
  for (const candidate of candidates) {
    const ageDays = (input.now.getTime() - candidate.startedAt.getTime()) / DAY_MS;
    const step = [...input.reminderDays].reverse().find((day) => ageDays >= day);
    if (step === undefined) continue;
    const key = `reminder:${candidate.attemptId}:${step}`;
    await enqueueMail(stores.outbox, {
      template: 'reminder',
      idempotencyKey: key,
      sender: { id: candidate.organisationId, name: candidate.organisationName },
      recipient: candidate,
      data: {
        courseTitle: candidate.courseTitle,
        courseUrl: `${input.publicUrl}/courses`,
        startedOn: stockholmDate(candidate.startedAt),
        unsubscribeUrl: `${input.publicUrl}${OPT_OUT_PATH}?token=${optOutToken(input.secret, candidate.personId)}`,
      },
    });
    due += 1;
  }
  return due;
}
