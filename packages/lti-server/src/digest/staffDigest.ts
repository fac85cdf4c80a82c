import { enqueueMail, type Stores } from '@kompetenta/core';
import type { TargetProgress } from '@kompetenta/reporting';
import { stockholmDate } from '../certificate/reminders';
import { loadDashboard, type DashboardDeps } from '../dashboard/loadDashboard';

const DAY_MS = 86_400_000;

/** An ISO 8601 week of a Swedish calendar day: its key (`2026-W48`) and its Monday. */
export interface IsoWeek {
  readonly key: string;
  /** YYYY-MM-DD of the week's Monday. */
  readonly monday: string;
}

/** The ISO week `at` falls in, in Swedish time (a Sunday evening in Stockholm is still Sunday). */
export function isoWeekOf(at: Date): IsoWeek {
  const day = new Date(`${stockholmDate(at)}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(day.getTime() - weekday * DAY_MS);
  // The ISO year is the year of the week's Thursday; week 1 holds that year's first Thursday.
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, monday: monday.toISOString().slice(0, 10) };
}

const dateOffset = (date: string, days: number): string =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Targets as the digest's rows: only those the dashboard shows with a number and a goal (a
 * suppressed share, or an untracked metric, is left out rather than sent as 0). Shares become
 * whole per cent, as the template wants whole numbers.
 */
export function digestProgress(targets: readonly TargetProgress[]) {
  return targets.flatMap(({ target, value }) => {
    if (value === null || target.goal === null || target.goal <= 0) return [];
    const share = target.metric.kind === 'womenShare';
    const scale = share ? 100 : 1;
    return [
      {
        label: share ? `${target.label.sv} (procent)` : target.label.sv,
        achieved: Math.max(0, Math.round(value * scale)),
        target: Math.max(1, Math.round(target.goal * scale)),
      },
    ];
  });
}

export interface StaffDigestRun {
  readonly week: string;
  /** Digests due this week (ones already enqueued by an earlier run or instance included). */
  readonly due: number;
}

/**
 * Enqueues the weekly digest for every programme staff person with an e-mail address who has not
 * opted out: progress toward the targets (as the programme-wide dashboard shows it, suppressed
 * the same way), last week's new completions (the dashboard's completions-by-course total for
 * that week; a small total says "fewer than k"), and how many e-mails failed. Key
 * `staff-digest:<ISO week>:<person>`: however often and on however many instances this runs
 * during a week, each person gets one.
 */
export async function enqueueStaffDigests(
  deps: DashboardDeps,
  input: { readonly now: Date; readonly publicUrl: string },
): Promise<StaffDigestRun> {
  const stores: Stores = deps.stores;
  const week = isoWeekOf(input.now);
  const programme = await stores.access.programmeOrganisation();
  const staff = [];
  for (const person of await stores.access.listGranted(programme.id, 'programme_staff')) {
    if (person.email === null || person.erasedAt !== null) continue;
    if (await stores.mailPreferences.isOptedOut(person.id)) continue;
    staff.push({ ...person, email: person.email });
  }
  if (staff.length === 0) return { week: week.key, due: 0 };

  const lastMonday = dateOffset(week.monday, -7);
  const [overall, lastWeek, failed] = await Promise.all([
    loadDashboard(deps, { organisationId: null }, {}),
    loadDashboard(deps, { organisationId: null }, { from: lastMonday, to: dateOffset(week.monday, -1) }),
    stores.outbox.list({ status: 'failed', limit: 10_000 }),
  ]);
  const completions = lastWeek.charts.find((chart) => chart.report === 'completion-by-course')!.table
    .grandTotal;
  // A hidden total is a small one: the grand total is the last cell complementary suppression picks.
  const newCompletions =
    completions.value === null
      ? { newCompletions: 0, newCompletionsBelow: lastWeek.threshold }
      : { newCompletions: completions.value };
  const progress = digestProgress(overall.targets);

  for (const person of staff) {
    await enqueueMail(stores.outbox, {
      template: 'staffDigest',
      idempotencyKey: `staff-digest:${week.key}:${person.id}`,
      sender: programme,
      recipient: person,
      data: {
        weekStarting: lastMonday,
        progress,
        ...newCompletions,
        failedMessages: failed.length,
        dashboardUrl: `${input.publicUrl.replace(/\/+$/, '')}/dashboard`,
      },
    });
  }
  return { week: week.key, due: staff.length };
}
