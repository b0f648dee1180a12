/**
 * Files that ship beside the code (emails/, migrations/, the console's assets, the starter topics) are
 * found from the package's root folder, the nearest one above this module that holds package.json. The
 * same code then runs from src/ (tsx, vitest) and compiled from dist/src/ (`npm start`), which sit at
 * different depths.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function rootAbove(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${start} or any folder above it`);
  }
}

/** The package's root folder (absolute). */
export const PACKAGE_ROOT = rootAbove(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `packagePath('emails')`. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
