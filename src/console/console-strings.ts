import type { AuthStrings } from './strings/auth.js';
import type { ContentStrings } from './strings/content.js';
import type { DashboardStrings } from './strings/dashboard.js';
import type { DigestsStrings } from './strings/digests.js';
import type { PeopleStrings } from './strings/people.js';
import type { PreflightStrings } from './strings/preflight.js';
import type { ReviewStrings } from './strings/review.js';
import type { SettingsStrings } from './strings/settings.js';
import type { ShellStrings } from './strings/shell.js';
import type { SubscribersStrings } from './strings/subscribers.js';
import type { TopicsStrings } from './strings/topics.js';
import type { UsersStrings } from './strings/users.js';

/**
 * Every word of the console in one language, one part per area of the console. Each part's shape lives
 * in `src/console/strings/<area>.ts`; each language fills it in under `src/i18n/<code>/console/<area>.ts`.
 */
export interface ConsoleStrings {
  shell: ShellStrings;
  auth: AuthStrings;
  users: UsersStrings;
  dashboard: DashboardStrings;
  subscribers: SubscribersStrings;
  topics: TopicsStrings;
  content: ContentStrings;
  people: PeopleStrings;
  digests: DigestsStrings;
  review: ReviewStrings;
  settings: SettingsStrings;
  preflight: PreflightStrings;
}
