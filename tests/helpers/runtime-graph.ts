import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Imports that load a module at run time: `import … from`, `export … from`, `import '…'`; never `import type`.
// A dynamic `await import(…)` (what a role or a lazy loader loads on demand) is left out on purpose.
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every file of ours and every package the modules at `entries` load at start, following relative static imports. */
export function runtimeGraph(...entries: string[]): { files: string[]; packages: Set<string> } {
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
  for (const entry of entries) visit(resolve(ROOT, entry));
  return { files: [...files].map((f) => relative(ROOT, f)), packages };
}
