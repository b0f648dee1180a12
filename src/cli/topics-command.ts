import { loadTopicsFile, STARTER_TOPICS_FILE } from '../topics/starter-topics.js';
import { openCliContext } from './cli-context.js';
import { named, type CliCommand } from './command.js';

/** `labdigest topics load [file]`: loads topics from a JSON file (the starter set by default). */
export const topicsLoadCommand: CliCommand = {
  usage: 'topics load [file.json]',
  summary: 'load topics from a file (default: the starter set)',
  ...named('topics', 'load'),
  async run(args) {
    const ctx = await openCliContext({ requireRedis: false });
    try {
      const { created, total } = loadTopicsFile(ctx.db, args[0] ?? STARTER_TOPICS_FILE);
      console.log(`Topics: ${total} in file, ${created.length} created${created.length ? `: ${created.join(', ')}` : ''}.`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
