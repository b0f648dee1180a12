import { ImapFlow } from 'imapflow';
import type { DovecotServer } from './dovecot.js';

/** A message as the test sees it in a folder: its Message-ID, subject and flags. */
export interface FolderMessage {
  messageId: string | undefined;
  subject: string | undefined;
  seen: boolean;
}

async function withClient<T>(server: DovecotServer, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: server.host, port: server.port, secure: false, auth: { user: server.user, pass: server.password }, logger: false });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Appends messages to a folder (created when missing), as an MTA delivering them would; lines end in CRLF as on the wire. */
export async function appendMessages(server: DovecotServer, folder: string, messages: Array<Buffer | string>): Promise<void> {
  await withClient(server, async (client) => {
    await client.mailboxCreate(folder);
    for (const message of messages) {
      const text = Buffer.isBuffer(message) ? message.toString('utf8') : message;
      await client.append(folder, text.replace(/\r?\n/g, '\r\n'), []);
    }
  });
}

/** The messages in a folder, in UID order; an empty list when the folder does not exist. */
export async function folderMessages(server: DovecotServer, folder: string): Promise<FolderMessage[]> {
  return withClient(server, async (client) => {
    const exists = (await client.list()).some((m) => m.path === folder);
    if (!exists) return [];
    const lock = await client.getMailboxLock(folder);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const messages = await client.fetchAll('1:*', { uid: true, envelope: true, flags: true });
      return messages.map((m) => ({ messageId: m.envelope?.messageId, subject: m.envelope?.subject, seen: m.flags?.has('\\Seen') ?? false }));
    } finally {
      lock.release();
    }
  });
}
