import { imapClient, mailboxAddress } from '../bounces/bounce-mailbox.js';
import type { Settings } from '../config.js';
import { errorText, line, type PreflightLine } from './preflight-types.js';

/** BOUNCE_ADDRESS: the envelope sender (VERP) that routes every bounce, naming its delivery, to the bounce mailbox. */
export function checkBounceAddress(settings: Pick<Settings, 'BOUNCE_ADDRESS'>): PreflightLine {
  if (!settings.BOUNCE_ADDRESS) return line('bounceAddress', 'warn', 'bounceAddressNotSet');
  const [local, domain] = settings.BOUNCE_ADDRESS.split('@');
  return line('bounceAddress', 'pass', 'bounceAddressOk', { address: `${local}+…@${domain}` });
}

/**
 * Logs in to BOUNCE_IMAP_URL with imapflow and asks for the folder's message count, within `timeoutMs`;
 * then logs out. Nothing is read or moved. The password never appears in the line.
 */
export async function checkBounceMailbox(settings: Pick<Settings, 'BOUNCE_IMAP_URL'>, timeoutMs: number): Promise<PreflightLine> {
  if (!settings.BOUNCE_IMAP_URL) return line('bounceMailbox', 'warn', 'mailboxNotSet');
  const address = mailboxAddress(settings.BOUNCE_IMAP_URL);
  const where = { host: `${address.host}:${address.port}`, user: address.user, folder: address.folder };
  const client = imapClient(address, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const status = await Promise.race([
      (async () => {
        await client.connect();
        return client.status(address.folder, { messages: true });
      })(),
      deadline,
    ]);
    if (!status) throw new Error(`the folder ${address.folder} could not be opened`);
    return line('bounceMailbox', 'pass', 'mailboxOk', { ...where, messages: status.messages ?? 0 });
  } catch (err) {
    // imapflow puts the server's words (e.g. "[AUTHENTICATIONFAILED] Authentication failed.") in responseText.
    const said = (err as { responseText?: string }).responseText;
    const error = errorText(said ? `${errorText(err)}: ${said}` : err)
      .split(address.password)
      .join('••••••••');
    return line('bounceMailbox', 'fail', 'mailboxFailed', { ...where, error });
  } finally {
    clearTimeout(timer);
    await client.logout().catch(() => client.close());
  }
}
