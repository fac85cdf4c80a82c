import {
  COUNTIES,
  DEFAULT_PROGRAMME_TARGETS,
  type Course,
  type Organisation,
  type ProgrammeTarget,
  type ReportFilter,
  type ReportingStore,
  type Stores,
} from '@kompetenta/core';
import {
  buildReport,
  resolveThreshold,
  targetProgress,
  type SuppressedTable,
  type TargetProgress,
} from '@kompetenta/reporting';
import { readReportFilter } from '../exports/reportFilterQuery';
import { scopeFilter } from '../exports/exportRequest';

/** What the dashboard reads; the export routes' deps are a superset. */
export interface DashboardDeps {
  readonly stores: Stores;
  readonly reporting: ReportingStore;
  readonly suppressionThreshold?: number;
  /** The programme's targets (default: DEFAULT_PROGRAMME_TARGETS from core). */
  readonly targets?: readonly ProgrammeTarget[];
}

/** Whose data a dashboard shows: null for programme staff (everything), else one organisation. */
export interface DashboardViewer {
  readonly organisationId: string | null;
}

/** The charts, in the order the page shows them: report name and the heading key of its text. */
export const DASHBOARD_CHARTS = [
  { report: 'completion-by-month', text: 'completionOverTime' },
  { report: 'attendance-by-month', text: 'attendanceOverTime' },
  { report: 'completion-by-course', text: 'completionByCourse' },
  { report: 'attendance-by-event-type', text: 'attendanceByType' },
] as const;

/** The filter keys the dashboard form sends (and `lang`). */
export const DASHBOARD_QUERY_KEYS = ['from', 'to', 'course', 'eventType', 'county', 'organisation', 'lang'];

/** Everything one dashboard page shows, already suppressed and scoped. */
export interface DashboardData {
  readonly filter: ReportFilter;
  /** Filter values as typed, to fill the form again. */
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly string[];
  readonly scopeName: string | null;
  readonly targets: readonly TargetProgress[];
  readonly charts: readonly {
    report: string;
    text: (typeof DASHBOARD_CHARTS)[number]['text'];
    heading: string;
    table: SuppressedTable;
  }[];
  readonly courses: readonly Course[];
  readonly organisations: readonly Organisation[];
  readonly counties: typeof COUNTIES;
  readonly threshold: number;
}

/** The form's values: empty fields mean "all" and are left out of the filter. */
export function dashboardValues(query: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value.trim() !== '') values[key] = value.trim();
    else if (typeof value !== 'string') values[key] = String(value);
  }
  return values;
}

/**
 * Loads a dashboard for `viewer`: the filter is read (problems are shown, not thrown, and a bad
 * filter falls back to no filter), scoped to the viewer's organisation (another organisation →
 * REPORT_SCOPE_FORBIDDEN), and every table goes through buildReport, so it is suppressed.
 */
export async function loadDashboard(
  deps: DashboardDeps,
  viewer: DashboardViewer,
  query: Record<string, unknown>,
): Promise<DashboardData> {
  const values = dashboardValues(query);
  const read = readReportFilter(values, DASHBOARD_QUERY_KEYS);
  const filter = scopeFilter(
    { actor: 'dashboard', label: 'dashboard', organisationId: viewer.organisationId, via: 'session' },
    read.problems.length > 0 ? {} : read.filter,
  );
  const threshold = resolveThreshold(deps.suppressionThreshold);
  const options = { threshold };
  const [charts, measures, courses, organisations] = await Promise.all([
    Promise.all(
      DASHBOARD_CHARTS.map(async (chart) => {
        const { definition, table } = await buildReport(deps.reporting, chart.report, filter, options);
        return { ...chart, heading: definition.heading, table };
      }),
    ),
    deps.reporting.targetMeasures(filter),
    deps.stores.courses.listCourses(),
    viewer.organisationId === null
      ? deps.stores.organisations.list()
      : deps.stores.organisations.get(viewer.organisationId).then((o) => [o]),
  ]);
  return {
    filter,
    values,
    problems: read.problems,
    scopeName: viewer.organisationId === null ? null : (organisations[0]?.name ?? null),
    targets: targetProgress(deps.targets ?? DEFAULT_PROGRAMME_TARGETS, measures, options),
    charts,
    courses,
    organisations,
    counties: COUNTIES,
    threshold,
  };
}
