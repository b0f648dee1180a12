import PostalMime from 'postal-mime';
import { errorText, line, type PreflightLine } from './preflight-types.js';
import type { StandInDigest } from './stand-in-digest.js';

// Gmail and Yahoo ignore one-click unsubscribe headers the DKIM signature does not cover (RFC 8058 §4).
const LIST_HEADERS = ['list-unsubscribe', 'list-unsubscribe-post'];

/**
 * The bulk-sender unsubscribe rules on a digest the mailer made: List-Unsubscribe with an https link,
 * List-Unsubscribe-Post: List-Unsubscribe=One-Click, both signed when DKIM is on, and an unsubscribe
 * link the reader can see in the email itself.
 */
export async function checkUnsubscribe(digest: StandInDigest | Error, dkimOn: boolean): Promise<PreflightLine> {
  if (digest instanceof Error) return line('unsubscribe', 'fail', 'unsubscribeFailed', { error: errorText(digest) });
  const parsed = await PostalMime.parse(digest.raw);
  const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value ?? '';
  const links = [...header('list-unsubscribe').matchAll(/<([^>]+)>/g)].map((m) => m[1]!);
  const url = digest.unsubscribeUrl;
  if (!links.includes(url)) return line('unsubscribe', 'fail', 'unsubscribeNoHeader');
  if (header('list-unsubscribe-post').trim() !== 'List-Unsubscribe=One-Click') return line('unsubscribe', 'fail', 'unsubscribeNoOneClick');
  if (!digest.html.includes(`href="${url}"`)) return line('unsubscribe', 'fail', 'unsubscribeNotVisible');
  // RFC 8058: the one-click URI must be https, or providers do not offer the button.
  if (!url.startsWith('https://')) return line('unsubscribe', 'fail', 'unsubscribeNotHttps', { url: new URL(url).origin });
  if (dkimOn && digest.signed) {
    const signedHeaders = (/\bh=([^;]+)/.exec(header('dkim-signature').replace(/\s+/g, ''))?.[1] ?? '').toLowerCase().split(':');
    const unsigned = LIST_HEADERS.filter((h) => !signedHeaders.includes(h));
    if (unsigned.length) return line('unsubscribe', 'fail', 'unsubscribeNotSigned', { headers: unsigned.join(', ') });
  }
  return line('unsubscribe', 'pass', 'unsubscribeOk', { url: `${new URL(url).origin}/unsubscribe/…` });
}
