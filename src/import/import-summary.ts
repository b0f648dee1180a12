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
  skipped: Array<{ file: string; entry?: string; reason: string }>;
  failed: Array<{ file: string; line?: number; message: string }>;
  createdTopics: string[];
}

/** The summary as lines for a terminal. */
export function formatSummary(s: ImportSummary): string {
  const lines = [
    `Imported ${s.files} file${s.files === 1 ? '' : 's'}: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.skipped.length} skipped, ${s.failed.length} failed.`,
  ];
  for (const outcome of ['added', 'updated'] as const) {
    for (const i of s.items.filter((x) => x.outcome === outcome)) lines.push(`  ${outcome.padEnd(8)} ${i.kind.padEnd(11)} #${i.id} ${i.title}`);
  }
  for (const k of s.skipped) lines.push(`  skipped  ${k.file}${k.entry ? ` [${k.entry}]` : ''}: ${k.reason}`);
  for (const f of s.failed) lines.push(`  FAILED   ${f.message}`);
  if (s.createdTopics.length) lines.push(`New topics: ${s.createdTopics.join(', ')}`);
  return lines.join('\n');
}

/** The summary's shape for the API docs and response serialisation. */
export const importSummarySchema = z.object({
  files: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  items: z.array(z.object({ id: z.number().int(), title: z.string(), kind: z.enum(ITEM_KINDS), outcome: z.enum(['added', 'updated', 'unchanged']) })),
  skipped: z.array(z.object({ file: z.string(), entry: z.string().optional(), reason: z.string() })),
  failed: z.array(z.object({ file: z.string(), line: z.number().int().optional(), message: z.string() })),
  createdTopics: z.array(z.string()),
});
