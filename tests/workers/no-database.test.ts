import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Imports that load a module at run time: `import … from`, `export … from`, `import '…'`; never `import type`.
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every file of ours and every package the module at `entry` loads at run time, following relative imports. */
function runtimeGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!spec!.startsWith('.')) {
        packages.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
        continue;
      }
      const target = resolve(dirname(file), spec!.replace(/\.js$/, '.ts'));
      if (existsSync(target)) visit(target);
      else if (existsSync(`${target}.ts`)) visit(`${target}.ts`);
      else if (!existsSync(resolve(dirname(file), spec!))) throw new Error(`${relative(ROOT, file)} imports ${spec}, which is not there`);
    }
  };
  visit(resolve(ROOT, entry));
  return { files: [...files].map((f) => relative(ROOT, f)), packages };
}

describe('the stateless workers', () => {
  it('the process entry loads only settings, logging and Redis before it knows its role', () => {
    // Roles import what they run on demand (`await import`), which this walk of static imports leaves out.
    const { files, packages } = runtimeGraph('bin/start.ts');
    expect(files.filter((f) => f.startsWith('src/db/') || f.startsWith('src/context') || f.startsWith('workers/'))).toEqual([]);
    expect([...packages].filter((p) => p === 'drizzle-orm' || p === 'better-sqlite3')).toEqual([]);
  });

  it('never load the database: no drizzle, no SQLite, nothing from src/db', () => {
    const { files, packages } = runtimeGraph('workers/start.ts');
    expect(files).toContain('workers/compose-worker.ts');
    expect(files).toContain('workers/send-worker.ts');
    expect(files).toContain('src/digests/compose-profile.ts');
    expect(files.filter((f) => f.startsWith('src/db/') || f.startsWith('src/deliveries/'))).toEqual([]);
    expect([...packages].filter((p) => p === 'drizzle-orm' || p === 'better-sqlite3')).toEqual([]);
    expect(packages).toContain('bullmq');
  });
});
