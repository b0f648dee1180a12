/**
 * Peak resident memory of a process and everything it started, from /proc (Linux): VmHWM is the kernel's
 * own high-water mark, so one read at the end gives the peak over the whole run. Taking the largest of the
 * tree measures the process that does the work also when a wrapper (npm, the `tsx` command) started it.
 */
import { readdirSync, readFileSync } from 'node:fs';

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The pid and every descendant's pid (via /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const seen = new Set<number>();
  const visit = (p: number) => {
    if (seen.has(p)) return;
    seen.add(p);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      try {
        for (const child of readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child));
      } catch {
        // the task ended meanwhile
      }
    }
  };
  visit(pid);
  return [...seen];
}

/** Peak resident set (MB) of the largest process in the tree under `pid`; null when /proc cannot say (not Linux, or gone). */
export function peakRssMb(pid: number): number | null {
  const peaks = processTree(pid)
    .map((p) => statusKb(p, 'VmHWM'))
    .filter((kb): kb is number => kb !== null);
  return peaks.length ? Math.round((Math.max(...peaks) / 1024) * 10) / 10 : null;
}

/** Peak resident set (MB) of this process alone (its children are measured on their own). */
export function ownPeakRssMb(): number | null {
  const kb = statusKb(process.pid, 'VmHWM');
  return kb === null ? null : Math.round((kb / 1024) * 10) / 10;
}
