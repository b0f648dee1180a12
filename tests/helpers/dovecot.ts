import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';

/** A Dovecot IMAP server of one test file: its own configuration, mail and sockets in a temp folder. */
export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** BOUNCE_IMAP_URL for a folder of the test user's mailbox. */
  url(folder?: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True once the server greets on the port (an IMAP greeting starts with `* OK`). */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('* OK')));
  });
}

/**
 * Who runs what. As root (CI), Dovecot refuses to run its login and mail processes as root: they run as
 * the `dovecot` and `dovenull` users Debian's package creates, and the mail folder belongs to `dovecot`.
 * As anyone else, every process runs as that user.
 */
function users(): { internal: string; login: string; mail: string; chownTo: { uid: number; gid: number } | null } {
  if (process.getuid?.() !== 0) {
    const me = userInfo().username;
    return { internal: me, login: me, mail: me, chownTo: null };
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
  return { internal: 'dovecot', login: 'dovenull', mail: 'dovecot', chownTo: { uid: id('-u'), gid: id('-g') } };
}

function configText(dir: string, port: number, who: ReturnType<typeof users>): string {
  return `instance_name = labdigest-test-${randomBytes(4).toString('hex')}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 0
default_internal_user = ${who.internal}
default_internal_group = ${who.internal}
default_login_user = ${who.login}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${who.mail} gid=${who.mail} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/**
 * Starts Dovecot in the foreground (`-F`) with a configuration written to a temp folder: IMAP without TLS
 * on a free 127.0.0.1 port, one plain-text test user from a passwd file, Maildir in the same folder.
 * Resolves once the server greets; stop() ends it and removes the folder.
 */
export async function startDovecot(): Promise<DovecotServer> {
  if (!existsSync(DOVECOT)) throw new Error(`${DOVECOT} is missing: install Debian's dovecot-imapd (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'labdigest-dovecot-'));
  const who = users();
  // Dovecot's auth and mail processes run as other users when we are root: they must reach the passwd
  // file and the mail folder inside.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  if (who.chownTo) chownSync(join(dir, 'mail'), who.chownTo.uid, who.chownTo.gid);
  const user = 'bounces';
  const password = `pw-${randomBytes(8).toString('hex')}`;
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  const port = await freePort();
  writeFileSync(join(dir, 'dovecot.conf'), configText(dir, port, who));
  const child: ChildProcess = spawn(DOVECOT, ['-c', join(dir, 'dovecot.conf'), '-F'], { stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const log = () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8').slice(-2000) : '(no log)');
  const stop = async () => {
    if (!exited) child.kill('SIGTERM');
    await exit;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  while (!(await greets(port))) {
    if (exited || Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: (folder = 'INBOX') => `imap://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(folder)}`,
    stop,
  };
}
