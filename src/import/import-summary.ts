import { z } from 'zod';
import { ITEM_KINDS } from '../domain/item-kinds.js';
import type { ItemKind } from '../domain/item-kinds.js';
import type { RecordOutcome } from '../items/item-service.js';

/** What an import did: returned by the API, printed by the CLI. */
export interface ImportSummary {
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  items: Array<{ id: number; title: string; kind: ItemKind; outcome: RecordOutcome }>;
  /** Every record that joined an item another source made, and why it is the same work. */
  merges: Array<{ file: string; entry?: string; itemId: number; reason: string }>;
  /** Team members found (Hugo author profiles, Jekyll team and alumni files). */
  people: Array<{ id: number; name: string; alumni: boolean; outcome: RecordOutcome }>;
  skipped: Array<{ file: string; entry?: string; reason: string }>;
  /** How something was read, such as where a page without a date in its front matter got its date. */
  notes: Array<{ file: string; entry?: string; note: string }>;
  failed: Array<{ file: string; line?: number; message: string }>;
  createdTopics: string[];
}

/** An empty summary of `files` files. */
export function emptySummary(files: number): ImportSummary {
  return { files, added: 0, updated: 0, unchanged: 0, items: [], merges: [], people: [], skipped: [], notes: [], failed: [], createdTopics: [] };
}

const where = (x: { file: string; entry?: string }) => `${x.file}${x.entry ? ` [${x.entry}]` : ''}`;

/** The summary as lines for a terminal. */
export function formatSummary(s: ImportSummary): string {
  const count = (outcome: RecordOutcome) => s.people.filter((p) => p.outcome === outcome).length;
  const lines = [
    `Imported ${s.files} file${s.files === 1 ? '' : 's'}: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.skipped.length} skipped, ${s.failed.length} failed.`,
  ];
  if (s.people.length) lines.push(`People: ${count('added')} added, ${count('updated')} updated, ${count('unchanged')} unchanged.`);
  for (const outcome of ['added', 'updated'] as const) {
    for (const i of s.items.filter((x) => x.outcome === outcome)) lines.push(`  ${outcome.padEnd(8)} ${i.kind.padEnd(11)} #${i.id} ${i.title}`);
    for (const p of s.people.filter((x) => x.outcome === outcome))
      lines.push(`  ${outcome.padEnd(8)} ${(p.alumni ? 'alumnus' : 'person').padEnd(11)} ${p.name}`);
  }
  for (const m of s.merges) lines.push(`  merged   ${where(m)} merged into #${m.itemId} (${m.reason})`);
  for (const k of s.skipped) lines.push(`  skipped  ${where(k)}: ${k.reason}`);
  for (const n of s.notes) lines.push(`  note     ${where(n)}: ${n.note}`);
  for (const f of s.failed) lines.push(`  FAILED   ${f.message}`);
  if (s.createdTopics.length) lines.push(`New topics: ${s.createdTopics.join(', ')}`);
  return lines.join('\n');
}

const outcome = z.enum(['added', 'updated', 'unchanged']);

/** The summary's shape for the API docs and response serialisation (lists added later default to empty for kept summaries). */
export const importSummarySchema = z.object({
  files: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  items: z.array(z.object({ id: z.number().int(), title: z.string(), kind: z.enum(ITEM_KINDS), outcome })),
  merges: z.array(z.object({ file: z.string(), entry: z.string().optional(), itemId: z.number().int(), reason: z.string() })).default([]),
  people: z.array(z.object({ id: z.number().int(), name: z.string(), alumni: z.boolean(), outcome })).default([]),
  skipped: z.array(z.object({ file: z.string(), entry: z.string().optional(), reason: z.string() })),
  notes: z.array(z.object({ file: z.string(), entry: z.string().optional(), note: z.string() })).default([]),
  failed: z.array(z.object({ file: z.string(), line: z.number().int().optional(), message: z.string() })),
  createdTopics: z.array(z.string()),
});
