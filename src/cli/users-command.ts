import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { USER_ROLES, type UserRole } from '../domain/statuses.js';
import { InvalidInputError } from '../errors.js';
import { packFor } from '../i18n/languages.js';
import { generatePassword } from '../users/password.js';
import { createUserService, userErrorOf } from '../users/user-service.js';
import { openCliContext } from './cli-context.js';
import { type CliCommand, named } from './command.js';

/** Reads a password from the terminal without echoing it (raw mode; Backspace works; Ctrl+C cancels). */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  // Echo off before the question shows, so nothing typed after it can be echoed.
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (outcome: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      outcome();
    };
    function onData(chunk: string) {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(value));
        if (ch === '\u0003') return finish(() => reject(new InvalidInputError('Cancelled')));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    }
    input.on('data', onData);
  });
}

/** The first line of standard input (`--password-stdin`), without its line ending. */
async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

/** Where the new user's password comes from: stdin, the terminal (asked twice), or generated and printed once. */
async function choosePassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: await firstLineOfStdin(), generated: false };
  if (process.stdin.isTTY && process.stderr.isTTY) {
    const password = await promptHidden('Password (at least 12 characters): ');
    if ((await promptHidden('Repeat the password: ')) !== password) throw new InvalidInputError('The two passwords are not the same');
    return { password, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

/** The user service's refusal in words (the console's English ones). */
function explain(err: unknown): never {
  const problem = userErrorOf(err);
  if (problem) throw new InvalidInputError(packFor('en').console.auth.errors[problem.code]);
  throw err;
}

/** `labdigest users add <email> --role admin|editor [--password-stdin]`: a console user, from the terminal. */
export const usersAddCommand: CliCommand = {
  usage: 'users add <email> --role admin|editor [--password-stdin]',
  summary: 'add a console user (asks for a password, or prints a generated one)',
  ...named('users', 'add'),
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, name: { type: 'string' } },
    });
    const email = positionals[0];
    if (!email || positionals.length > 1) throw new InvalidInputError('Give one email address: users add <email> --role admin|editor');
    const role = values.role as UserRole | undefined;
    if (!role || !USER_ROLES.includes(role)) throw new InvalidInputError(`--role must be one of: ${USER_ROLES.join(', ')}`);
    const { password, generated } = await choosePassword(values['password-stdin'] === true);
    const ctx = await openCliContext({ requireRedis: false });
    try {
      const user = await createUserService(ctx.db)
        .create({ email, role, password, name: values.name ?? null })
        .catch(explain);
      console.log(`Added ${user.role} ${user.email}. Sign in at ${ctx.config.PUBLIC_URL}/admin`);
      if (generated) console.log(`Password (shown only now): ${password}`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

/** `labdigest users list`: the console's users, one a line. */
export const usersListCommand: CliCommand = {
  usage: 'users list',
  summary: 'list the console users and their roles',
  ...named('users', 'list'),
  async run() {
    const ctx = await openCliContext({ requireRedis: false });
    try {
      const users = createUserService(ctx.db).list();
      for (const u of users) {
        console.log(`${u.email}\t${u.role}\t${u.lastSignInAt ? `last sign-in ${u.lastSignInAt.toISOString()}` : 'never signed in'}`);
      }
      console.error(`${users.length} user${users.length === 1 ? '' : 's'}.`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
