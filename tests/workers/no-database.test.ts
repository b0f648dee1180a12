import { describe, expect, it } from 'vitest';
import { runtimeGraph } from '../helpers/runtime-graph.js';

describe('the stateless workers', () => {
  it('the process entry loads only settings, logging and Redis before it knows its role', () => {
    // Roles import what they run on demand (`await import`), which this walk of static imports leaves out.
    const { files, packages } = runtimeGraph('bin/start.ts');
    expect(files.filter((f) => f.startsWith('src/db/') || f.startsWith('src/context') || f.startsWith('workers/'))).toEqual([]);
    expect([...packages].filter((p) => p === 'drizzle-orm' || p === 'better-sqlite3')).toEqual([]);
  });

  it('never load the database: no drizzle, no SQLite, nothing from src/db', () => {
    // The worker process and the entries of its threads (compose, templates).
    const { files, packages } = runtimeGraph('workers/start.ts', 'workers/compose-thread.ts', 'workers/template-thread.ts', 'workers/compose-worker.ts');
    expect(files).toContain('workers/compose-worker.ts');
    expect(files).toContain('workers/send-worker.ts');
    expect(files).toContain('src/digests/compose-profile.ts');
    expect(files.filter((f) => f.startsWith('src/db/') || f.startsWith('src/deliveries/'))).toEqual([]);
    expect([...packages].filter((p) => p === 'drizzle-orm' || p === 'better-sqlite3')).toEqual([]);
    expect(packages).toContain('bullmq');
  });
});
