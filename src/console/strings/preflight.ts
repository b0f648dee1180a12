import type { PreflightCheck, PreflightFinding, PreflightStatus } from '../../preflight/preflight-types.js';

/** The preflight page and command, in one language. Plain text: pages escape it. Findings name their values as `{name}`. */
export interface PreflightStrings {
  title: string;
  intro: string;
  /** The link from the settings page. */
  link: string;
  check: string;
  status: string;
  found: string;
  fix: string;
  statuses: Record<PreflightStatus, string>;
  checks: Record<PreflightCheck, string>;
  /** What was found, and what to fix ('' when nothing is to be done). */
  findings: Record<PreflightFinding, { found: string; fix: string }>;
  /** "{fail} failed, {warn} to look at, {unknown} could not be checked, {pass} passed." */
  summary: string;
}
