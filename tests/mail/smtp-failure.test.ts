import { describe, expect, it } from 'vitest';
import { classifySmtpFailure, type SmtpFailure } from '../../src/mail/smtp-failure.js';

// Whose failure a failed send is: the relay's (the digest waits) or one reader's (that delivery fails).

const infra: SmtpFailure = { kind: 'infrastructure' };
const bounced: SmtpFailure = { kind: 'reader', permanent: true, recipientRejected: true };
const refused: SmtpFailure = { kind: 'reader', permanent: true, recipientRejected: false };
const soft: SmtpFailure = { kind: 'reader', permanent: false, recipientRejected: false };

const smtp = (code: string, command: string, responseCode?: number, response?: string) =>
  Object.assign(new Error(response ?? code), { code, command, ...(responseCode ? { responseCode } : {}), ...(response ? { response } : {}) });

const TABLE: Array<[string, unknown, SmtpFailure]> = [
  ['connection refused', smtp('ESOCKET', 'CONN'), infra],
  ['refused, as the system reports it', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), infra],
  ['connection reset', Object.assign(new Error('read ECONNRESET'), { errno: 'ECONNRESET' }), infra],
  ['connection timeout', smtp('ETIMEDOUT', 'CONN'), infra],
  ['greeting never came', smtp('ETIMEDOUT', 'GREETING'), infra],
  ['DNS lookup failed', smtp('EDNS', 'CONN'), infra],
  ['TLS handshake failed', smtp('ETLS', 'STARTTLS'), infra],
  ['unexpected greeting', smtp('EPROTOCOL', 'GREETING'), infra],
  ['dropped mid-DATA', smtp('ECONNECTION', 'DATA'), infra],
  ['421 at the greeting', smtp('EPROTOCOL', 'GREETING', 421, '421 Service not available'), infra],
  ['421 at MAIL FROM', smtp('EENVELOPE', 'MAIL FROM', 421, '421 4.3.2 Shutting down'), infra],
  ['421 at RCPT TO', smtp('EENVELOPE', 'RCPT TO', 421, '421 4.3.2 Shutting down'), infra],
  ['451 at MAIL FROM', smtp('EENVELOPE', 'MAIL FROM', 451, '451 4.3.0 Try later'), infra],
  ['451 after DATA', smtp('EMESSAGE', 'DATA', 451, '451 4.3.0 Local error'), infra],
  ['454 at AUTH', smtp('EAUTH', 'AUTH PLAIN', 454, '454 4.7.0 Temporary authentication failure'), infra],
  ['535 at AUTH (a relay setting)', smtp('EAUTH', 'AUTH PLAIN', 535, '535 5.7.8 Authentication failed'), infra],
  ['550 at MAIL FROM (sender refused)', smtp('EENVELOPE', 'MAIL FROM', 550, '550 5.7.1 Relaying denied'), infra],
  ['550 user unknown at RCPT TO', smtp('EENVELOPE', 'RCPT TO', 550, '550 5.1.1 User unknown'), bounced],
  ['551 at RCPT TO', smtp('EENVELOPE', 'RCPT TO', 551, '551 User not local'), bounced],
  ['553 at RCPT TO', smtp('EENVELOPE', 'RCPT TO', 553, '553 Mailbox name not allowed'), bounced],
  ['550 naming the recipient after DATA', smtp('EMESSAGE', 'DATA', 550, '550 5.1.1 <a@x.org>: user unknown'), bounced],
  ['552 mailbox full at RCPT TO', smtp('EENVELOPE', 'RCPT TO', 552, '552 Requested action aborted'), soft],
  ['552 5.2.2 mailbox full after DATA', smtp('EMESSAGE', 'DATA', 552, '552 5.2.2 Mailbox full'), soft],
  ['452 4.2.2 over quota at RCPT TO', smtp('EENVELOPE', 'RCPT TO', 452, '452 4.2.2 Over quota'), soft],
  ['450 greylisted at RCPT TO', smtp('EENVELOPE', 'RCPT TO', 450, '450 4.7.1 Greylisted'), soft],
  ['554 message refused after DATA', smtp('EMESSAGE', 'DATA', 554, '554 5.7.1 Message rejected as spam'), refused],
  ['not an SMTP error', new Error('messageId must look like <id@host>'), soft],
  ['not an error at all', 'boom', soft],
];

describe('classifySmtpFailure', () => {
  it.each(TABLE)('%s', (_name, err, expected) => {
    expect(classifySmtpFailure(err)).toEqual(expected);
  });
});
