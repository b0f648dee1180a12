import type { PreflightStrings } from '../console/strings/preflight.js';
import { format } from '../i18n/format.js';
import type { PreflightReport, PreflightStatus } from './preflight-types.js';

/** One line of the report in words: the check's name, its result, what was found and what to do. */
export interface PreflightRow {
  check: string;
  status: PreflightStatus;
  result: string;
  found: string;
  fix: string;
}

/** The report's lines in one language (the console page and the command show the same words). */
export function preflightRows(strings: PreflightStrings, report: PreflightReport): PreflightRow[] {
  return report.lines.map((l) => {
    const texts = strings.findings[l.finding];
    return {
      check: strings.checks[l.check],
      status: l.status,
      result: strings.statuses[l.status],
      found: format(texts.found, l.values),
      fix: format(texts.fix, l.values),
    };
  });
}

/** "1 failed, 2 to look at, …" */
export function preflightSummary(strings: PreflightStrings, report: PreflightReport): string {
  return format(strings.summary, report.counts);
}
