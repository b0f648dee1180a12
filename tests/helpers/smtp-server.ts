import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import PostalMime, { type Address } from 'postal-mime';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';

/** Runs before the server answers a message; returning 'drop' cuts the connection and keeps nothing. */
export type BeforeAcceptHook = (index: number) => undefined | 'drop' | Promise<undefined | 'drop'>;

/** One message the test server accepted, raw and parsed. */
export interface ReceivedMessage {
  envelope: { from: string | null; to: string[] };
  raw: string;
  parsed: {
    subject: string;
    /** The From address (bare address, lower case as sent). */
    from: string;
    fromName: string;
    to: string[];
    /** Header name (lower case) → value; repeated headers keep the first. */
    headers: Record<string, string>;
    html: string;
    text: string;
    messageId: string;
  };
}

export interface TestSmtpServer {
  port: number;
  /** smtp://127.0.0.1:PORT, ready for SMTP_URL. */
  url: string;
  messages: ReceivedMessage[];
  /** Resolves with the messages once at least `count` arrived; rejects after the deadline. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  /** Rejects the next `n` messages in DATA with this SMTP code (451 transient, 550 permanent, …). */
  failNext(code: number, n?: number): void;
  /** Refuses this recipient at RCPT TO with `550 5.1.1 User unknown`, as a mail server does for a dead address. */
  rejectRecipient(address: string): void;
  /** Destroys the connection on the next `n` messages in DATA, without any reply. */
  dropNext(n?: number): void;
  /**
   * Runs a hook when a message has arrived and before the server answers it; `index` counts every
   * message that reached the end of DATA since the hook was set (from 0). If the client is gone once the hook has run (e.g. the
   * test killed the sending process), the message is not kept: it was never acknowledged.
   */
  beforeAccept(hook: BeforeAcceptHook | null): void;
  /** How many messages were rejected or dropped so far. */
  readonly rejected: number;
  /**
   * Answers every new connection (greeting) and every MAIL FROM with this code, e.g. 421, as a relay
   * under maintenance does; null answers normally again.
   */
  refuseAll(code: number | null): void;
  /** Stops listening and cuts every connection, as a relay that went away (the port stays ours). */
  goOffline(): Promise<void>;
  /** Listens again on the same port, keeping the messages received so far. */
  goOnline(): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Delay (ms) before answering DATA, to keep pooled connections busy in tests. */
  dataDelayMs?: number;
  /** Offer STARTTLS with this key and certificate (PEM); without it the server offers no TLS at all. */
  starttls?: { key: string; cert: string };
}

type Fault = { kind: 'code'; code: number } | { kind: 'drop' };

function firstAddress(address: Address | undefined): { address: string; name: string } {
  if (!address) return { address: '', name: '' };
  if (address.address !== undefined) return { address: address.address, name: address.name };
  const first = address.group[0];
  return { address: first?.address ?? '', name: first?.name ?? '' };
}

// A killed client's FIN may still be in flight when the hook returns: wait for it briefly.
function clientGone(socket: Socket, graceMs = 100): Promise<boolean> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (gone: boolean) => {
      clearTimeout(timer);
      socket.off('end', onEnd).off('close', onEnd);
      resolve(gone);
    };
    const onEnd = () => done(true);
    const timer = setTimeout(() => done(socket.destroyed || socket.readableEnded), graceMs);
    socket.once('end', onEnd).once('close', onEnd);
  });
}

/** Starts a real SMTP server on 127.0.0.1 (random port) that keeps and parses every message it accepts. */
export async function startSmtpServer(opts: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const faults: Fault[] = [];
  let rejected = 0;
  let arrived = 0;
  let hook: BeforeAcceptHook | null = null;
  const unknownRecipients = new Set<string>();
  // Says 'message' each time one is kept, so waitFor wakes on arrivals instead of polling.
  const arrivals = new EventEmitter();

  let refusal: number | null = null;
  const refuse = () => Object.assign(new Error(`Test relay refuses everyone (${refusal})`), { responseCode: refusal });

  const makeServer = (): SMTPServer =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: opts.starttls ? [] : ['STARTTLS'],
      ...(opts.starttls ? { key: opts.starttls.key, cert: opts.starttls.cert } : {}),
      logger: false,
      disableReverseLookup: true,
      size: 25 * 1024 * 1024,
      onConnect(_session, callback) {
        if (refusal !== null) return callback(refuse());
        callback();
      },
      onMailFrom(_address, _session, callback) {
        if (refusal !== null) return callback(refuse());
        callback();
      },
      onRcptTo(address, _session, callback) {
        if (unknownRecipients.has(address.address.toLowerCase())) {
          return callback(Object.assign(new Error('5.1.1 User unknown'), { responseCode: 550 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          void (async () => {
            const index = arrived++;
            if (hook) {
              const verdict = await hook(index);
              const socket = [...server.connections].find((c) => c.session === session)?._socket;
              // 'drop': the hook says the client is gone (it killed it); never keep a message nobody got an answer for.
              if (verdict === 'drop') {
                socket?.destroy();
                return;
              }
              if (!socket || (await clientGone(socket))) return;
            }
            const fault = faults.shift();
            if (fault) {
              rejected += 1;
              if (fault.kind === 'drop') {
                for (const conn of server.connections) if (conn.session === session) conn._socket.destroy();
                return;
              }
              const err = Object.assign(new Error(`Test failure ${fault.code}`), { responseCode: fault.code });
              return callback(err);
            }
            const raw = Buffer.concat(chunks).toString('utf8');
            const envelope = session.envelope as SMTPServerEnvelope;
            const email = await PostalMime.parse(raw);
            const headers: Record<string, string> = {};
            for (const h of email.headers) if (!(h.key in headers)) headers[h.key] = h.value;
            const from = firstAddress(email.from);
            messages.push({
              envelope: {
                from: envelope.mailFrom ? envelope.mailFrom.address : null,
                to: envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed: {
                subject: email.subject ?? '',
                from: from.address,
                fromName: from.name,
                to: (email.to ?? []).map((a) => firstAddress(a).address),
                headers,
                html: email.html ?? '',
                text: email.text ?? '',
                messageId: email.messageId ?? '',
              },
            });
            arrivals.emit('message');
            if (opts.dataDelayMs) await new Promise((r) => setTimeout(r, opts.dataDelayMs));
            callback();
          })().catch((err: Error) => callback(err));
        });
      },
    });
  const listen = async (onPort: number): Promise<SMTPServer> => {
    const next = makeServer();
    next.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      next.server.once('error', reject);
      next.listen(onPort, '127.0.0.1', () => resolve());
    });
    return next;
  };
  const shut = (current: SMTPServer) =>
    new Promise<void>((resolve) => {
      for (const conn of current.connections) conn._socket.destroy();
      current.close(() => resolve());
    });

  let server: SMTPServer = await listen(0);
  let online = true;
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP test server has no port');
  const port = address.port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get rejected() {
      return rejected;
    },
    waitFor(count, timeoutMs = 5000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise<ReceivedMessage[]>((resolve, reject) => {
        const stop = () => {
          clearTimeout(timer);
          arrivals.off('message', onMessage);
        };
        const onMessage = () => {
          if (messages.length < count) return;
          stop();
          resolve(messages);
        };
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`SMTP test server: expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        arrivals.on('message', onMessage);
      });
    },
    rejectRecipient(address) {
      unknownRecipients.add(address.toLowerCase());
    },
    failNext(code, n = 1) {
      for (let i = 0; i < n; i++) faults.push({ kind: 'code', code });
    },
    beforeAccept(next) {
      hook = next;
      arrived = 0;
    },
    dropNext(n = 1) {
      for (let i = 0; i < n; i++) faults.push({ kind: 'drop' });
    },
    refuseAll(code) {
      refusal = code;
    },
    async goOffline() {
      if (!online) return;
      online = false;
      await shut(server);
    },
    async goOnline() {
      if (online) return;
      server = await listen(port);
      online = true;
    },
    async close() {
      if (!online) return;
      online = false;
      await shut(server);
    },
  };
}
