import type { PreflightStrings } from '../../../console/strings/preflight.js';

export const preflight: PreflightStrings = {
  title: 'Preflight: the sending setup',
  intro:
    'What can be checked from inside against the rules Gmail, Yahoo and Microsoft apply to bulk senders since 2024. Nothing is sent; the relay, the bounce mailbox and DNS are asked, each for a few seconds at most.',
  link: 'Check the sending setup (preflight)',
  check: 'Check',
  status: 'Result',
  found: 'Found',
  fix: 'What to do',
  statuses: { pass: 'pass', warn: 'warn', fail: 'fail', unknown: 'could not check' },
  checks: {
    dkim: 'DKIM key',
    alignment: 'From aligned with DKIM',
    senders: 'Separate senders',
    unsubscribe: 'One-click unsubscribe',
    bounceAddress: 'Bounce address',
    bounceMailbox: 'Bounce mailbox',
    relayTls: 'TLS to the relay',
    spf: 'SPF record',
    dmarc: 'DMARC record',
    dkimRecord: 'DKIM record in DNS',
  },
  findings: {
    dkimNotSet: {
      found: 'DKIM is not configured: mail goes out unsigned.',
      fix: 'Generate a 2048-bit RSA key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dkim.pem), publish its public part in DNS and set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_PATH.',
    },
    dkimUnreadable: { found: 'The key file {path} cannot be read ({error}).', fix: 'Give DKIM_PRIVATE_KEY_PATH a file the labdigest user can read.' },
    dkimNotAKey: {
      found: '{path} does not hold a private key in PEM.',
      fix: 'Point DKIM_PRIVATE_KEY_PATH at the PEM private key (-----BEGIN PRIVATE KEY-----).',
    },
    dkimUnsupported: { found: '{path} holds a {type} key; DKIM signs with RSA (or Ed25519).', fix: 'Generate a 2048-bit RSA key.' },
    dkimTooShort: {
      found: 'An RSA key of {bits} bits: receivers ignore DKIM keys under 1024 bits.',
      fix: 'Generate a 2048-bit RSA key and publish it under a new selector.',
    },
    dkimShort: {
      found: 'An RSA key of {bits} bits signs as {domain} (selector {selector}).',
      fix: 'Accepted, but 2048 bits is recommended: generate one and publish it under a new selector.',
    },
    dkimNotSigned: {
      found: 'The mailer made a message without a DKIM signature with this {type} key (Nodemailer signs with RSA keys only).',
      fix: 'Use a 2048-bit RSA key.',
    },
    dkimBroken: { found: 'The signature on a message the mailer made does not verify: {result}.', fix: 'Check that the key file is the whole private key.' },
    dkimOk: { found: 'An {type} key of {bits} bits signs as {domain} (selector {selector}); a test signature verifies.', fix: '' },
    alignNoDkim: { found: 'No DKIM domain to align the From addresses with.', fix: 'Configure DKIM (above) for the domain of MAIL_FROM.' },
    alignBadFrom: { found: '{setting} holds no email address.', fix: 'Set {setting} to a name and address, such as "Lab news <news@lab.example.org>".' },
    alignMismatch: {
      found: 'The domain of {setting} ({fromDomain}) is not aligned with DKIM_DOMAIN ({dkimDomain}): DMARC does not count the signature for it.',
      fix: 'Send from an address at {dkimDomain} (or a subdomain of it), or sign with a key of {fromDomain}.',
    },
    alignOk: { found: 'From domains {domains} are aligned with DKIM_DOMAIN {dkimDomain} (relaxed).', fix: '' },
    sendersBadFrom: { found: '{setting} holds no email address.', fix: 'Set {setting} to a name and address, such as "Lab news <news@lab.example.org>".' },
    sendersSame: {
      found: 'Digests and confirmation emails both come from {address}.',
      fix: 'Set MAIL_TRANSACTIONAL_FROM to another address (such as no-reply@ the same domain): complaints about the digest then do not hold back confirmations.',
    },
    sendersOk: { found: 'Digests come from {list}; confirmations and links from {transactional}.', fix: '' },
    unsubscribeFailed: { found: 'A digest could not be rendered for a stand-in reader: {error}', fix: 'Fix the error above; the logs have the details.' },
    unsubscribeNotHttps: {
      found: 'The one-click unsubscribe link is on {url}: providers offer one-click unsubscribe for https links only (RFC 8058).',
      fix: 'Serve labdigest over https and set PUBLIC_URL to the https address.',
    },
    unsubscribeNoHeader: {
      found: 'The digest has no List-Unsubscribe header with its unsubscribe link.',
      fix: 'This is a bug in labdigest: please report it.',
    },
    unsubscribeNoOneClick: {
      found: 'The digest has no List-Unsubscribe-Post: List-Unsubscribe=One-Click header.',
      fix: 'This is a bug in labdigest: please report it.',
    },
    unsubscribeNotVisible: {
      found: "The digest's text has no visible unsubscribe link.",
      fix: 'Keep the unsubscribe link in the footer of emails/layout.mjml.',
    },
    unsubscribeNotSigned: {
      found: 'The DKIM signature does not cover {headers}: Gmail and Yahoo then ignore one-click unsubscribe.',
      fix: 'This is a bug in labdigest: please report it.',
    },
    unsubscribeOk: {
      found: 'List-Unsubscribe ({url}, and a mailto) with One-Click, signed by DKIM when it is on, and a visible unsubscribe link in the footer.',
      fix: '',
    },
    bounceAddressNotSet: {
      found: 'BOUNCE_ADDRESS is not set: bounces go to the From address and no one sees which delivery they are about.',
      fix: 'Set BOUNCE_ADDRESS to a mailbox with plus addressing (bounces@your domain) and BOUNCE_IMAP_URL to read it.',
    },
    bounceAddressOk: { found: 'Digests go out with the envelope sender {address}, so each bounce names its delivery.', fix: '' },
    mailboxNotSet: {
      found: 'BOUNCE_IMAP_URL is not set: only refusals during the SMTP session are seen; later bounces and complaints are not.',
      fix: 'Set BOUNCE_IMAP_URL to the mailbox that receives mail for BOUNCE_ADDRESS (imaps://user:password@host:993/INBOX).',
    },
    mailboxFailed: {
      found: 'Could not open {folder} on {host} as {user}: {error}',
      fix: 'Check the host, port, user, password and folder in BOUNCE_IMAP_URL.',
    },
    mailboxOk: { found: 'Logged in to {host} as {user}; {folder} holds {messages} messages.', fix: '' },
    relayOutbox: {
      found: 'No SMTP_URL: mail is written to {dir}, not sent through a relay.',
      fix: 'Set SMTP_URL to your relay (smtps://user:password@host:465) to send.',
    },
    relayNoTls: {
      found: 'The relay {host} does not offer STARTTLS: mail and the login cross the network in clear.',
      fix: 'Use smtps:// (port 465) or the relay port that offers STARTTLS (587).',
    },
    relayNoTlsLocal: {
      found: 'The relay {host} is on this machine and does not offer STARTTLS.',
      fix: 'Fine for the hop on this machine; make sure that relay sends onward with TLS.',
    },
    relayFailed: {
      found: 'The relay {host} did not complete a TLS connection: {error}',
      fix: 'Check the host and port in SMTP_URL, and that the relay has a certificate for its name.',
    },
    relaySmtps: { found: 'smtps:// to {host}: TLS from the first byte, and the relay answered.', fix: '' },
    relayStarttls: { found: 'The relay {host} offered STARTTLS and the connection was upgraded.', fix: '' },
    dnsUnknown: { found: 'DNS did not answer for {domain} ({error}).', fix: 'Run preflight again on a machine with DNS, or look the record up with dig.' },
    dnsNoDomain: {
      found: '{domain} does not resolve from here (no DNS on this machine, or the domain does not exist).',
      fix: 'Run preflight where DNS answers, or check the domain is spelled right.',
    },
    spfMissing: {
      found: '{domain} has no SPF record.',
      fix: 'Publish a TXT record at {domain} such as "v=spf1 include:<your relay> -all", naming the servers that send your mail.',
    },
    spfMultiple: { found: '{domain} has {count} SPF records: receivers treat that as an error.', fix: 'Merge them into one v=spf1 record.' },
    spfPermissive: { found: 'The SPF record of {domain} lets any server send: {record}', fix: 'End the record with -all or ~all after naming your servers.' },
    spfOk: { found: 'SPF of {domain}: {record}', fix: '' },
    dmarcMissing: {
      found: '{domain} has no DMARC record: bulk senders must have one.',
      fix: 'Publish a TXT record at _dmarc.{domain}: "v=DMARC1; p=none; rua=mailto:dmarc@{domain}" to start.',
    },
    dmarcOk: { found: 'DMARC for {domain} with policy p={policy}.', fix: '' },
    dkimRecordNoKey: { found: 'No usable DKIM key is configured, so there is no record to look up.', fix: 'Configure DKIM first (above).' },
    dkimRecordMissing: { found: 'No DKIM key is published at {name}.', fix: 'Publish this TXT record at {name}: {record}' },
    dkimRecordMismatch: { found: 'The key published at {name} is not the key in DKIM_PRIVATE_KEY_PATH.', fix: 'Publish this TXT record at {name}: {record}' },
    dkimRecordOk: { found: 'The key published at {name} matches the signing key.', fix: '' },
  },
  summary: '{fail} failed, {warn} to look at, {unknown} could not be checked, {pass} passed.',
};
