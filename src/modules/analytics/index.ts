/** Analytics: the dashboard's read-only figures over the other modules' tables; owns no table. */

export { analyticsRoutes } from './analytics.routes.ts';
export {
  FUNNEL_STAGES,
  MAX_PERIOD_DAYS,
  type Period,
  resolvePeriod,
  SPEED_BUCKETS,
} from './analytics.rules.ts';
export { type DashboardDto, ZDashboard, ZDashboardQuery } from './analytics.schemas.ts';
export { loadDashboard } from './analytics.service.ts';
