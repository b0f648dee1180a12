/**
 * One digest through the real pipeline, driven and watched only through the admin HTTP API (bearer
 * ADMIN_TOKEN): trigger it, then poll it until it is sent, noting when each stage was first seen done.
 * Stage times are what the poll observed (every POLL_MS), so each is exact to about that much.
 */

/** The parts of GET /api/admin/digests/:id the bench reads; missing counts read as 0. */
export interface DigestView {
  id: number;
  status: string;
  error: string | null;
  counts: Partial<Record<'items' | 'planned' | 'skipped' | 'profiles' | 'llmCalls' | 'composedWithLlm' | 'composedWithoutLlm' | 'sent' | 'failed', number>>;
}

/** What the run observed: stage times (ms from the trigger) and the digest as it ended. */
export interface PipelineRun {
  digestId: number;
  /** Trigger → the digest left `planned` (the POST returned a planned digest, or a poll saw it move on). */
  planningMs: number;
  /** Planning done → every planned email composed (composedWithLlm + composedWithoutLlm ≥ planned). */
  composingMs: number;
  /** First email reported sent → the digest `sent`. Overlaps composing when sends start before all profiles are written. */
  sendingMs: number;
  /** Every email composed → the digest `sent`. */
  sendingAfterComposedMs: number;
  /** Trigger → `sent`. */
  totalMs: number;
  final: DigestView;
}

const POLL_MS = 200;

/** Calls the admin API; throws with the status and body on anything but 2xx. */
async function admin<T>(baseUrl: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /api/admin${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

const n = (v: number | undefined) => v ?? 0;

/** Triggers the digest for `period` over the window and follows it to `sent`; rejects on failed/cancelled/paused/review or after `timeoutMs`. */
export async function runDigest(opts: {
  baseUrl: string;
  adminToken: string;
  period: string;
  windowStart: Date;
  windowEnd: Date;
  timeoutMs: number;
  onProgress?: (view: DigestView, elapsedMs: number) => void;
}): Promise<PipelineRun> {
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  const created = await admin<{ id: number; digest: DigestView }>(opts.baseUrl, opts.adminToken, 'POST', '/digests', {
    period: opts.period,
    windowStart: opts.windowStart.toISOString(),
    windowEnd: opts.windowEnd.toISOString(),
  });
  let view = created.digest;
  let planned: number | null = view.status === 'planned' ? null : since();
  let composed: number | null = null;
  let firstSent: number | null = null;
  let lastProgress = 0;
  for (;;) {
    const at = since();
    if (planned === null && view.status !== 'planned') planned = at;
    const c = view.counts;
    if (planned !== null && composed === null && (n(c.composedWithLlm) + n(c.composedWithoutLlm) >= n(c.planned) || view.status === 'sent')) composed = at;
    if (firstSent === null && (n(c.sent) > 0 || view.status === 'sent')) firstSent = at;
    if (view.status === 'sent') break;
    if (['failed', 'cancelled', 'paused', 'review'].includes(view.status)) {
      throw new Error(`digest ${view.id} stopped in ${view.status}${view.error ? `: ${view.error}` : ''}`);
    }
    if (at > opts.timeoutMs)
      throw new Error(`digest ${view.id} not sent after ${Math.round(opts.timeoutMs / 1000)} s (status ${view.status}, ${n(c.sent)} sent)`);
    if (opts.onProgress && at - lastProgress > 5000) {
      lastProgress = at;
      opts.onProgress(view, at);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
    view = await admin<DigestView>(opts.baseUrl, opts.adminToken, 'GET', `/digests/${created.id}`);
  }
  const totalMs = since();
  const plannedAt = planned ?? totalMs;
  const composedAt = composed ?? totalMs;
  return {
    digestId: created.id,
    planningMs: plannedAt,
    composingMs: composedAt - plannedAt,
    sendingMs: totalMs - (firstSent ?? totalMs),
    sendingAfterComposedMs: totalMs - composedAt,
    totalMs,
    final: view,
  };
}

/** Waits until GET /health answers 200 (the API listens and its parts started). */
export async function waitForHealth(baseUrl: string, timeoutMs: number, stillRunning: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!stillRunning()) throw new Error('the API process exited during start-up');
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API did not answer /health within ${timeoutMs} ms`);
}
