import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/config.js';
import { createMailer, type Mailer, type OutgoingMail } from '../../src/mail/mailer.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const mail = (n: number): OutgoingMail => ({
  from: 'Lab <lab@example.org>',
  to: `r${n}@example.com`,
  subject: `Message ${n}`,
  html: `<p>Hello ${n}</p>`,
  text: `Hello ${n}`,
  messageId: `<m${n}@example.org>`,
});

/** Speaks SMTP by hand up to the end of DATA, then waits; the test decides what happens to the socket. */
async function rawSend(port: number, to: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const expectCode = (code: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        const line = buffer.split('\r\n').find((l) => /^\d{3} /.test(l));
        if (!line) return;
        buffer = buffer.slice(buffer.indexOf(line) + line.length + 2);
        socket.off('data', onData);
        if (line.startsWith(code)) resolve();
        else reject(new Error(`expected ${code}, got ${line}`));
      };
      const onData = (chunk: string) => {
        buffer += chunk;
        check();
      };
      socket.on('data', onData);
      check();
    });
  await expectCode('220');
  for (const [cmd, code] of [
    ['EHLO test', '250'],
    ['MAIL FROM:<a@example.org>', '250'],
    [`RCPT TO:<${to}>`, '250'],
    ['DATA', '354'],
  ] as const) {
    socket.write(`${cmd}\r\n`);
    await expectCode(code);
  }
  socket.write(`Subject: raw\r\nMessage-ID: <raw@example.org>\r\n\r\nbody\r\n.\r\n`);
  return socket;
}

describe('SMTP test server', () => {
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = createMailer(parseSettings({ SMTP_URL: smtp.url }));
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
  });
  // Each test starts with an empty sink and no hook, whichever test ran before.
  beforeEach(() => {
    smtp.messages.length = 0;
    smtp.beforeAccept(null);
  });

  it('keeps and parses what it accepts; waitFor gives up at its deadline', async () => {
    await mailer.send(mail(1));
    const [m] = await smtp.waitFor(1);
    expect(m!.parsed).toMatchObject({ subject: 'Message 1', from: 'lab@example.org', fromName: 'Lab', to: ['r1@example.com'], messageId: '<m1@example.org>' });
    expect(m!.parsed.html).toContain('<p>Hello 1</p>');
    expect(m!.parsed.text).toContain('Hello 1');
    expect(m!.envelope).toEqual({ from: 'lab@example.org', to: ['r1@example.com'] });
    await expect(smtp.waitFor(2, 100)).rejects.toThrow(/expected 2 message\(s\) within 100 ms, got 1/);
  });

  it('does not keep a message whose client vanished before the answer (beforeAccept)', async () => {
    smtp.messages.length = 0;
    const seen: number[] = [];
    let raw: Socket | undefined;
    smtp.beforeAccept((index) => {
      seen.push(index);
      if (index === 1) raw!.destroy();
    });
    await mailer.send(mail(2)); // index 0: kept
    raw = await rawSend(smtp.port, 'ghost@example.com'); // index 1: its client is gone before the answer
    await new Promise((resolve) => raw!.once('close', resolve));
    await mailer.send(mail(3)); // index 2: kept
    smtp.beforeAccept(null);
    expect(seen).toEqual([0, 1, 2]);
    expect(smtp.messages.map((m) => m.envelope.to[0])).toEqual(['r2@example.com', 'r3@example.com']);
  });

  it('fails or drops the next messages on request and counts them', async () => {
    smtp.messages.length = 0;
    const before = smtp.rejected;
    smtp.failNext(452, 2);
    await expect(mailer.send(mail(4))).rejects.toMatchObject({ responseCode: 452 });
    await expect(mailer.send(mail(5))).rejects.toMatchObject({ responseCode: 452 });
    smtp.dropNext();
    await expect(mailer.send(mail(6))).rejects.toMatchObject({ code: 'ECONNECTION' });
    await mailer.send(mail(7));
    expect(smtp.rejected - before).toBe(3);
    expect(smtp.messages.map((m) => m.parsed.subject)).toEqual(['Message 7']);
  });
});
