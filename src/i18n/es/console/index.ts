import type { ConsoleStrings } from '../../../console/console-strings.js';
import { auth } from './auth.js';
import { content } from './content.js';
import { dashboard } from './dashboard.js';
import { digests } from './digests.js';
import { people } from './people.js';
import { preflight } from './preflight.js';
import { review } from './review.js';
import { settings } from './settings.js';
import { shell } from './shell.js';
import { subscribers } from './subscribers.js';
import { topics } from './topics.js';
import { users } from './users.js';

export const consoleStrings: ConsoleStrings = { shell, auth, users, dashboard, subscribers, topics, content, people, digests, review, settings, preflight };
