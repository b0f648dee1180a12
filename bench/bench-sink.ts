/**
 * The benchmark's SMTP sink, run as its own process (`node --import tsx bench/bench-sink.ts`): accepts
 * every message on loopback, counts messages per RCPT TO address and bytes, keeps one message whole, the
 * one closest in size to the average so far (the ceiling resends it: a digest email of typical size), and answers on a tiny loopback HTTP endpoint:
 * GET /counts (JSON), GET /sample (the raw first message), POST /reset. Tells its parent both ports over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What the sink has counted since the last reset. */
export interface SinkCounts {
  messages: number;
  bytes: number;
  /** RCPT TO address (lower case) → messages received. */
  recipients: Record<string, number>;
}

/** What the sink tells its parent once it listens. */
export interface SinkReady {
  smtpPort: number;
  httpPort: number;
}

let counts: SinkCounts = { messages: 0, bytes: 0, recipients: {} };
let sample: Buffer | null = null;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  disableReverseLookup: true,
  size: 25 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      chunks.push(chunk);
    });
    stream.on('end', () => {
      counts.messages += 1;
      counts.bytes += bytes;
      for (const rcpt of session.envelope.rcptTo) {
        const address = rcpt.address.toLowerCase();
        counts.recipients[address] = (counts.recipients[address] ?? 0) + 1;
      }
      const mean = counts.bytes / counts.messages;
      if (sample === null || Math.abs(bytes - mean) < Math.abs(sample.length - mean)) sample = Buffer.concat(chunks);
      callback();
    });
  },
});
smtp.on('error', () => {});

const http = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/counts') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(counts));
  } else if (req.method === 'GET' && req.url === '/sample' && sample) {
    res.writeHead(200, { 'Content-Type': 'message/rfc822' });
    res.end(sample);
  } else if (req.method === 'POST' && req.url === '/reset') {
    counts = { messages: 0, bytes: 0, recipients: {} };
    res.writeHead(204);
    res.end();
  } else {
    res.writeHead(404);
    res.end();
  }
});

await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const ready: SinkReady = { smtpPort: (smtp.server.address() as AddressInfo).port, httpPort: (http.address() as AddressInfo).port };
process.send?.(ready);
// The parent is gone (or told us to stop): nothing else would ever end this process.
process.on('disconnect', () => process.exit(0));
