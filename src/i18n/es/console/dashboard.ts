import type { DashboardStrings } from '../../../console/strings/dashboard.js';

export const dashboard: DashboardStrings = {
  title: 'Dashboard',
};
