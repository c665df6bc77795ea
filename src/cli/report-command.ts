import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import type { ReportOverview } from '../store/reporting/reports/reports-overview.ts';
import type { Database } from '../store/schema.ts';
import { CliError } from './cli-error.ts';

// The store loads when the command runs, not when the CLI starts.
const modules = async () => {
  const [environment, filters, migrate, overview, subject, clock] = await Promise.all([
    import('./environment.ts'),
    import('../domain/report-filter.ts'),
    import('../store/migrate.ts'),
    import('../store/reporting/reports/reports-overview.ts'),
    import('../store/reporting/reports/reports-subject.ts'),
    import('../store/reporting/facts/report-clock.ts'),
  ]);
  return { ...environment, ...filters, ...migrate, ...overview, ...subject, ...clock };
};

interface ReportOptions {
  json?: boolean;
  from?: string;
  to?: string;
  brand?: string;
  workspace?: string;
  network?: string;
  timeZone: string;
  businessHours?: boolean;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Print the reports of a workspace: response times, response rate, volume, flow')
    .option('--json', 'print every measure as one JSON document')
    .option('--from <date>', 'start of the range, ISO 8601 (default: 30 days before --to)')
    .option('--to <date>', 'end of the range, exclusive, ISO 8601 (default: now)')
    .option('--brand <name>', 'only this brand')
    .option('--workspace <name>', 'the workspace (needed when there are several)')
    .option('--network <name>', 'only this network')
    .option('--time-zone <zone>', 'IANA zone for days and hours of the week', 'UTC')
    .option(
      '--business-hours',
      "count response and resolution times in each conversation's team's saved business hours",
    )
    .action(async (options: ReportOptions) => {
      const { loadConfig, migrateToLatest, withStore, findReportOverview, teamHoursClock } =
        await modules();
      await withStore(loadConfig(), async (store) => {
        await migrateToLatest(store.db);
        const filter = await reportFilter(store.db, options, new Date());
        const clock = options.businessHours
          ? await teamHoursClock(store.db, filter.workspaceId)
          : {};
        const report = await findReportOverview(store.db, filter, clock);
        process.stdout.write(
          options.json ? `${JSON.stringify(report, null, 2)}\n` : summaryLines(report),
        );
      });
    });
}

/** The filter the options ask for, or a CliError that says what to change. */
async function reportFilter(
  db: Kysely<Database>,
  options: ReportOptions,
  now: Date,
): Promise<ReportFilter> {
  const { defaultReportRange, findReportSubjects, isKnownTimeZone, reportRangeProblem } =
    await modules();
  const to = options.to ? new Date(options.to) : now;
  const from = options.from ? new Date(options.from) : defaultReportRange(to).from;
  const problem = reportRangeProblem(from, to);
  if (problem) throw new CliError(`--from/--to: ${problem}`);
  if (!isKnownTimeZone(options.timeZone))
    throw new CliError(`--time-zone: unknown time zone "${options.timeZone}"`);
  const names = {
    ...(options.workspace ? { workspace: options.workspace } : {}),
    ...(options.brand ? { brand: options.brand } : {}),
  };
  const subjects = await findReportSubjects(db, names);
  if (subjects.length === 0)
    throw new CliError(
      options.brand
        ? `no brand named "${options.brand}" in ${options.workspace ? `workspace "${options.workspace}"` : 'any workspace'}`
        : `no workspace${options.workspace ? ` named "${options.workspace}"` : ''}`,
    );
  if (subjects.length > 1)
    throw new CliError(
      `several workspaces match (${subjects.map((s) => s.workspaceName).join(', ')}); choose one with --workspace`,
    );
  const subject = subjects[0]!;
  return {
    workspaceId: subject.workspaceId,
    from,
    to,
    timeZone: options.timeZone,
    ...(subject.brandId ? { brandId: subject.brandId } : {}),
    ...(options.network ? { network: options.network } : {}),
  };
}

const minutes = (seconds: number | null) =>
  seconds === null ? '–' : `${(seconds / 60).toFixed(1)} min`;
const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);

/** A few lines for a person; --json has everything. */
function summaryLines(report: ReportOverview): string {
  const { responses, flow, sla, csat } = report;
  const duration = (label: string, d: ReportOverview['responses']['firstResponse']) =>
    `${label}: median ${minutes(d.medianSeconds)}, p90 ${minutes(d.p90Seconds)}, mean ${minutes(d.meanSeconds)}, within an hour ${percent(d.withinHourShare)} (${d.count})`;
  return `${[
    `${report.range.from} – ${report.range.to} (${report.range.timeZone})`,
    duration('first response', responses.firstResponse),
    duration('next response', responses.nextResponse),
    duration('resolution', flow.resolution),
    `response rate: ${percent(responses.responseRate)} (${responses.answered} of ${responses.needingReply})`,
    `reopens: ${flow.reopens} (${percent(flow.reopenRate)} of resolutions), transfers: ${flow.transfers}`,
    `SLA: ${sla.totalBreaches} breaches, first answer within SLA ${percent(sla.withinSlaShare)} (${sla.withFirstResponseTarget})`,
    `CSAT: ${csat.averageScore === null ? '–' : csat.averageScore.toFixed(2)} of 5 (${csat.responses} ratings)`,
  ].join('\n')}\n`;
}
