// Owns the `monthly-reports` task: daily, each hub and DAT manager who has not
// yet had last month's report card is sent it (src/app/reports/monthly.ts).
import type { TaskList } from 'graphile-worker';
import type { JobDeps } from './job-deps.js';
import { dailyPlanner } from './daily-planner.js';
import { sendMonthlyReports } from '../app/reports/monthly.js';

export const MONTHLY_REPORTS_TASK = 'monthly-reports';

export function reportTasks(deps: JobDeps): TaskList {
  return { [MONTHLY_REPORTS_TASK]: dailyPlanner(deps, MONTHLY_REPORTS_TASK, 'monthly report cards', sendMonthlyReports) };
}
