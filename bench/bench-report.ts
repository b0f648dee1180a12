/** The digest benchmark's result: one JSON shape (written with --json) and the table printed at the end. */
import { cpus, loadavg } from 'node:os';
import type { BenchArgs } from './bench-args.js';
import type { CeilingRun } from './ceiling.js';
import type { DeliveryCheck } from './delivery-check.js';
import type { NaiveRun } from './naive.js';
import type { PipelineRun } from './pipeline-run.js';

/** Everything one run measured. */
export interface BenchInputs {
  args: BenchArgs;
  settings: { SMTP_POOL_SIZE: number; LLM_CONCURRENCY: number; SEND_RATE_PER_SEC: number };
  seedMs: number;
  spread: { topicCounts: number[]; spanish: number };
  run: PipelineRun;
  llmCallsStandIn: number;
  check: DeliveryCheck;
  emailBytes: number;
  averageEmailBytes: number;
  redis: { baselineBytes: number; peakBytes: number };
  peakRssMb: Record<'api' | 'worker' | 'sink' | 'ollama' | 'bench', number | null>;
  ceiling: CeilingRun;
  naive: NaiveRun;
  loadAverageAtStart: number[];
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The JSON the issue asks for (ratios, llmCalls, profiles, peakRssMb, redisBytesPerReader, duplicates, missing, …). */
export function benchResult(i: BenchInputs) {
  const c = i.run.final.counts;
  const sent = c.sent ?? 0;
  const emailsPerSecond = sent > 0 ? (sent / i.run.totalMs) * 1000 : 0;
  const pipelineMsPerEmail = sent > 0 ? i.run.totalMs / sent : Number.POSITIVE_INFINITY;
  const growth = Math.max(0, i.redis.peakBytes - i.redis.baselineBytes);
  return {
    subscribers: i.args.subscribers,
    items: i.args.items,
    llmLatencyMs: i.args.llmLatencyMs,
    settings: i.settings,
    profiles: c.profiles ?? 0,
    plannedEmails: c.planned ?? 0,
    skippedReaders: c.skipped ?? 0,
    sentEmails: sent,
    failedEmails: c.failed ?? 0,
    stages: {
      seedMs: round(i.seedMs, 0),
      planningMs: round(i.run.planningMs, 0),
      composingMs: round(i.run.composingMs, 0),
      sendingMs: round(i.run.sendingMs, 0),
      sendingAfterComposedMs: round(i.run.sendingAfterComposedMs, 0),
      totalMs: round(i.run.totalMs, 0),
    },
    emailsPerSecond: round(emailsPerSecond),
    pipelineMsPerEmail: round(pipelineMsPerEmail, 3),
    ceilingEmailsPerSecond: round(i.ceiling.emailsPerSecond),
    naiveMsPerEmail: round(i.naive.msPerEmail, 2),
    ratios: {
      vsCeiling: round(emailsPerSecond / i.ceiling.emailsPerSecond, 3),
      vsNaive: round(i.naive.msPerEmail / pipelineMsPerEmail, 2),
    },
    llmCalls: c.llmCalls ?? 0,
    llmCallsStandIn: i.llmCallsStandIn,
    peakRssMb: i.peakRssMb,
    redis: { baselineBytes: i.redis.baselineBytes, peakBytes: i.redis.peakBytes, growthBytes: growth },
    redisBytesPerReader: round(growth / i.args.subscribers, 0),
    duplicates: i.check.duplicates,
    missing: i.check.missing,
    unexpected: i.check.unexpected,
    deliveryCheck: i.check,
    emailBytes: i.emailBytes,
    averageEmailBytes: round(i.averageEmailBytes, 0),
    ceiling: { ...i.ceiling, ms: round(i.ceiling.ms, 0), emailsPerSecond: round(i.ceiling.emailsPerSecond) },
    naive: {
      emails: i.naive.emails,
      msPerEmail: round(i.naive.msPerEmail, 2),
      llmMsPerEmail: round(i.naive.llmMsPerEmail, 2),
      mjmlMsPerEmail: round(i.naive.mjmlMsPerEmail, 2),
      smtpMsPerEmail: round(i.naive.smtpMsPerEmail, 2),
    },
    readerSpread: { topicCounts: i.spread.topicCounts, spanish: i.spread.spanish },
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverageAtStart: i.loadAverageAtStart.map((l) => round(l, 2)),
      loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
    },
  };
}

export type BenchResult = ReturnType<typeof benchResult>;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);
const num = (v: number) => v.toLocaleString('en');

/** The table printed at the end of a run. */
export function benchTable(r: BenchResult): string {
  const rows: Array<[string, string]> = [
    ['readers / items / model latency', `${num(r.subscribers)} / ${r.items} / ${r.llmLatencyMs} ms`],
    ['profiles · planned · skipped', `${num(r.profiles)} · ${num(r.plannedEmails)} · ${num(r.skippedReaders)}`],
    ['planning', s(r.stages.planningMs)],
    ['composing (after planning)', s(r.stages.composingMs)],
    ['sending (first sent → all sent)', s(r.stages.sendingMs)],
    ['  of which after all composed', s(r.stages.sendingAfterComposedMs)],
    ['trigger → all sent', s(r.stages.totalMs)],
    ['end to end', `${r.emailsPerSecond.toFixed(1)} emails/s (${r.pipelineMsPerEmail.toFixed(2)} ms per email)`],
    ['ceiling (pooled transport alone)', `${r.ceilingEmailsPerSecond.toFixed(1)} emails/s, pool of ${r.settings.SMTP_POOL_SIZE}`],
    [
      'naive (per email, sequential)',
      `${r.naiveMsPerEmail.toFixed(1)} ms (LLM ${r.naive.llmMsPerEmail.toFixed(1)}, MJML ${r.naive.mjmlMsPerEmail.toFixed(1)}, SMTP ${r.naive.smtpMsPerEmail.toFixed(1)}) over ${r.naive.emails}`,
    ],
    ['vs ceiling (target ≥ 0.8 at 0 ms)', r.ratios.vsCeiling.toFixed(3)],
    ['vs naive (target ≥ 20 at 200 ms)', `${r.ratios.vsNaive.toFixed(1)}×`],
    ['LLM calls (digest · stand-in)', `${num(r.llmCalls)} · ${num(r.llmCallsStandIn)}`],
    ['peak RSS api · worker', `${mb(r.peakRssMb.api)} · ${mb(r.peakRssMb.worker)}`],
    ['peak RSS sink · ollama · bench', `${mb(r.peakRssMb.sink)} · ${mb(r.peakRssMb.ollama)} · ${mb(r.peakRssMb.bench)}`],
    ['Redis growth', `${(r.redis.growthBytes / 1024 / 1024).toFixed(1)} MB (${num(r.redisBytesPerReader)} bytes per reader)`],
    ["email size (ceiling's sample · average)", `${(r.emailBytes / 1024).toFixed(1)} KB · ${(r.averageEmailBytes / 1024).toFixed(1)} KB`],
    ['duplicates · missing · unexpected', `${r.duplicates} · ${r.missing} · ${r.unexpected}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
