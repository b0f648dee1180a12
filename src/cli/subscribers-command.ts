import { parseArgs } from 'node:util';
import { InvalidInputError } from '../errors.js';
import { once } from 'node:events';
import { subscriberCsvChunks } from '../subscribers/subscriber-csv.js';
import { subscriberFilterSchema } from '../subscribers/subscriber-query.js';
import { openCliContext } from './cli-context.js';
import { named, type CliCommand } from './command.js';

/** `labdigest subscribers export [--status S] [--language L] [--topic T]`: CSV on stdout, a count on stderr. */
export const subscribersExportCommand: CliCommand = {
  usage: 'subscribers export [--status S] [--language L] [--topic T]',
  summary: 'write the subscribers as CSV to standard output',
  ...named('subscribers', 'export'),
  async run(args) {
    const { values } = parseArgs({ args, options: { status: { type: 'string' }, language: { type: 'string' }, topic: { type: 'string' } } });
    const filter = subscriberFilterSchema.safeParse(values);
    if (!filter.success) {
      const issue = filter.error.issues[0];
      throw new InvalidInputError(`--${issue?.path.join('.')}: ${issue?.message}`);
    }
    const ctx = await openCliContext({ requireRedis: false });
    try {
      // Written batch by batch, waiting when the pipe is full: an export never holds every subscriber.
      let rows = -1;
      for (const chunk of subscriberCsvChunks(ctx.db, filter.data)) {
        rows += chunk.split('\r\n').length - 1;
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      }
      console.error(`Exported ${rows} subscriber${rows === 1 ? '' : 's'}.`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
