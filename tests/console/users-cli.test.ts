import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createUserService } from '../../src/users/user-service.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `labdigest <args>` as a child process with this text on its standard input (not a terminal). */
function labdigest(args: string[], databasePath: string, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/labdigest.js', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_PATH: databasePath,
        SECRET_KEY: 'cli-secret-key-0123456789abcdefghijklmnop',
        ADMIN_TOKEN: 'cli-admin-token-0123456789',
        PUBLIC_URL: 'https://digest.example.org',
        LOG_LEVEL: 'silent',
      },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Whether this address and password open the account in the database. */
async function passwordWorks(databasePath: string, email: string, password: string): Promise<boolean> {
  const db = openDatabase(databasePath);
  try {
    return (await createUserService(db).authenticate(email, password)) !== null;
  } finally {
    db.$client.close();
  }
}

/**
 * Runs `labdigest users add` on a terminal (util-linux `script` gives it a pseudo-terminal), answering
 * each password question once it shows; returns everything the terminal displayed.
 */
function addOnTerminal(databasePath: string, email: string, answers: string[]): Promise<{ code: number | null; screen: string }> {
  return new Promise((done, fail) => {
    const command = `node bin/labdigest.js users add ${email} --role editor`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TERM: 'dumb',
        DATABASE_PATH: databasePath,
        SECRET_KEY: 'cli-secret-key-0123456789abcdefghijklmnop',
        ADMIN_TOKEN: 'cli-admin-token-0123456789',
        LOG_LEVEL: 'silent',
      },
      timeout: 60_000,
    });
    let screen = '';
    let asked = 0;
    child.stdout.on('data', (d) => {
      screen += d;
      const questions = screen.match(/Password \(at least 12 characters\): |Repeat the password: /g)?.length ?? 0;
      while (asked < questions && asked < answers.length) child.stdin.write(`${answers[asked++]}\r`);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, screen }));
  });
}

describe('labdigest users (child process)', () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'labdigest-users-cli-')), 'labdigest.db');

  it('adds an admin with a generated password printed once, an editor with a password from stdin, and lists them', async () => {
    const admin = await labdigest(['users', 'add', ' Ana@Example.org ', '--role', 'admin'], databasePath);
    expect(admin.stderr).toBe('');
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('Added admin ana@example.org. Sign in at https://digest.example.org/admin');
    const generated = /Password \(shown only now\): (\S+)/.exec(admin.stdout)?.[1];
    expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const editor = await labdigest(
      ['users', 'add', 'ben@example.org', '--role', 'editor', '--password-stdin'],
      databasePath,
      'a long password from a pipe\nignored\n',
    );
    expect(editor.code).toBe(0);
    expect(editor.stdout).toBe('Added editor ben@example.org. Sign in at https://digest.example.org/admin\n');

    const list = await labdigest(['users', 'list'], databasePath);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(['ana@example.org\tadmin\tnever signed in', 'ben@example.org\teditor\tnever signed in']);
    expect(list.stderr).toBe('2 users.\n');
    expect(`${list.stdout}${list.stderr}${admin.stderr}${editor.stderr}`).not.toContain('$argon2');

    expect(await passwordWorks(databasePath, 'ana@example.org', generated!)).toBe(true);
    expect(await passwordWorks(databasePath, 'ben@example.org', 'a long password from a pipe')).toBe(true);
    expect(await passwordWorks(databasePath, 'ben@example.org', 'ignored')).toBe(false);
  }, 60_000);

  it('asks twice for the password on a terminal, without showing it', async () => {
    const ok = await addOnTerminal(databasePath, 'tty@example.org', ['typed on the terminal', 'typed on the terminal']);
    expect(ok.code).toBe(0);
    expect(ok.screen).toContain('Added editor tty@example.org.');
    expect(ok.screen).not.toContain('typed on the terminal');
    expect(await passwordWorks(databasePath, 'tty@example.org', 'typed on the terminal')).toBe(true);

    const differ = await addOnTerminal(databasePath, 'tty2@example.org', ['typed on the terminal', 'typed something else']);
    expect(differ.code).toBe(1);
    expect(differ.screen).toContain('Error: The two passwords are not the same');
    expect(differ.screen).not.toContain('typed');
  }, 60_000);

  it('refuses a short password, a taken address and an unknown role, and exits non-zero', async () => {
    const short = await labdigest(['users', 'add', 'cy@example.org', '--role', 'editor', '--password-stdin'], databasePath, 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toBe('Error: The password needs at least 12 characters.\n');

    const role = await labdigest(['users', 'add', 'cy@example.org', '--role', 'owner'], databasePath);
    expect(role.code).toBe(1);
    expect(role.stderr).toBe('Error: --role must be one of: editor, admin\n');

    await labdigest(['users', 'add', 'dee@example.org', '--role', 'editor', '--password-stdin'], databasePath, 'first password of dee\n');
    const taken = await labdigest(['users', 'add', 'DEE@example.org', '--role', 'admin', '--password-stdin'], databasePath, 'second password of dee\n');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe('Error: There is already a user with this address.\n');

    const db = openDatabase(databasePath);
    try {
      const users = createUserService(db);
      expect(users.findByEmail('cy@example.org')).toBeUndefined();
      expect(users.findByEmail('dee@example.org')?.role).toBe('editor');
    } finally {
      db.$client.close();
    }
  }, 60_000);
});
