import type { CliCommand } from './command.js';
import { digestApproveCommand, digestReviewCommand, digestSendCommand, digestStatusCommand } from './digest-command.js';
import { importCommand } from './import-command.js';
import { preflightCommand } from './preflight-command.js';
import { subscribersExportCommand } from './subscribers-command.js';
import { topicsLoadCommand } from './topics-command.js';
import { usersAddCommand, usersListCommand } from './users-command.js';

/** Every command, in the order `--help` lists them. Each lives in its own file. */
export const COMMANDS: CliCommand[] = [
  importCommand,
  digestSendCommand,
  digestReviewCommand,
  digestApproveCommand,
  digestStatusCommand,
  subscribersExportCommand,
  topicsLoadCommand,
  usersAddCommand,
  usersListCommand,
  preflightCommand,
];
