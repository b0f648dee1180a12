import { ImapFlow, type MailboxLockObject } from 'imapflow';
import { BOUNCE_LIMITS } from './bounce-limits.js';

/** A message waiting in the bounce folder, before it is read. */
export interface MailboxMessage {
  uid: number;
  size: number;
  receivedAt: Date;
}

/** What the poll needs of the bounce mailbox; the IMAP implementation is below, tests may use another. */
export interface BounceMailbox {
  /** The folder's UIDVALIDITY: when it changes, the UIDs seen before name other messages. */
  readonly uidValidity: string;
  /** Messages with a UID above `afterUid`, oldest first, at most `limit`. */
  listAfter(afterUid: number, limit: number): Promise<MailboxMessage[]>;
  /** A message's bytes, without marking it read. */
  read(uid: number): Promise<Buffer>;
  /** Moves a message that was understood and applied to the processed folder. */
  moveToProcessed(uid: number): Promise<void>;
  close(): Promise<void>;
}

/** Where BOUNCE_IMAP_URL points: server, account and folder (the URL's path; INBOX when none). */
export interface MailboxAddress {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
}

/** Reads BOUNCE_IMAP_URL (imaps://user:password@host:993/INBOX); user and password may be percent-encoded. */
export function mailboxAddress(url: string): MailboxAddress {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    folder: decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

/** A server that sends more than this in one literal or response is cut off, not buffered. */
const MAX_LITERAL = BOUNCE_LIMITS.maxMessageBytes + 64 * 1024;

/** An imapflow client for the mailbox (not connected yet), with its limits; errors surface as failed commands. */
export function imapClient(
  address: ReturnType<typeof mailboxAddress>,
  timeouts: { connectionTimeout: number; greetingTimeout: number; socketTimeout: number },
): ImapFlow {
  const client = new ImapFlow({
    host: address.host,
    port: address.port,
    secure: address.secure,
    auth: { user: address.user, pass: address.password },
    logger: false,
    disableAutoIdle: true,
    ...timeouts,
    maxLiteralSize: MAX_LITERAL,
    maxResponseSize: MAX_LITERAL * 2,
  });
  // A connection that breaks later surfaces as a failed command; the event must still be handled.
  client.on('error', () => {});
  return client;
}

/**
 * Connects to the bounce mailbox with imapflow, creates the processed folder when it is missing, and
 * holds the bounce folder open (locked) until close(). Messages are read with BODY.PEEK, so mail left
 * in the folder stays unread for the person who looks at it.
 */
export async function openBounceMailbox(url: string, processedFolder: string): Promise<BounceMailbox> {
  const address = mailboxAddress(url);
  const client = imapClient(address, { connectionTimeout: 30_000, greetingTimeout: 16_000, socketTimeout: 120_000 });

  await client.connect();
  let lock: MailboxLockObject | undefined;
  try {
    const processed = (await client.mailboxCreate(processedFolder)).path;
    lock = await client.getMailboxLock(address.folder);
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`could not open the folder ${address.folder}`);
    const held = lock;
    return {
      uidValidity: String(mailbox.uidValidity),
      async listAfter(afterUid, limit) {
        const found = await client.search({ uid: `${afterUid + 1}:*` }, { uid: true });
        // `n:*` always matches the last message, even when its UID is below n.
        const uids = (found || [])
          .filter((uid) => uid > afterUid)
          .sort((a, b) => a - b)
          .slice(0, limit);
        if (uids.length === 0) return [];
        const messages = await client.fetchAll(uids.join(','), { uid: true, size: true, internalDate: true }, { uid: true });
        return messages
          .map((m) => ({ uid: m.uid, size: m.size ?? 0, receivedAt: m.internalDate ? new Date(m.internalDate) : new Date() }))
          .sort((a, b) => a.uid - b.uid);
      },
      async read(uid) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        const source = message ? message.source : undefined;
        if (!source) throw new Error(`message ${uid} is gone from the bounce folder`);
        return source;
      },
      async moveToProcessed(uid) {
        const moved = await client.messageMove(String(uid), processed, { uid: true });
        if (!moved) throw new Error(`could not move message ${uid} to ${processed}`);
      },
      async close() {
        held.release();
        await client.logout().catch(() => client.close());
      },
    };
  } catch (err) {
    lock?.release();
    client.close();
    throw err;
  }
}
