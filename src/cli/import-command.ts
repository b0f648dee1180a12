import { importFromPath, importFromUrl } from '../import/import-sources.js';
import { formatSummary } from '../import/import-summary.js';
import { openCliContext } from './cli-context.js';
import { named, type CliCommand } from './command.js';

/** `labdigest import <path-or-url>`: imports a site folder, a .bib, a feed or a .md, from disk or a URL. */
export const importCommand: CliCommand = {
  usage: 'import <path-or-url>',
  summary: 'import items from a Hugo/Jekyll folder, BibTeX, RSS/Atom or Markdown',
  ...named('import'),
  async run(args) {
    const target = args[0];
    if (!target || args.length > 1) {
      console.error('Usage: labdigest import <path-or-url>');
      return 2;
    }
    const ctx = await openCliContext({ requireRedis: false });
    try {
      // Anything with a scheme is a URL (and refused unless http/https); everything else is a path.
      const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
      const summary = isUrl ? await importFromUrl(ctx.db, ctx.config, target) : await importFromPath(ctx.db, ctx.config, target);
      console.log(formatSummary(summary));
      return summary.failed.length > 0 ? 1 : 0;
    } finally {
      await ctx.close();
    }
  },
};
