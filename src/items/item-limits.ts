/**
 * The largest item a digest can carry. One set of numbers for the admin API (which refuses more), the
 * importers (which cut to fit) and the compose job schema (which the workers check), so an item that
 * was accepted can always be sent. Lengths are JavaScript string lengths, as zod's max() counts them.
 */
export const ITEM_LIMITS = {
  title: 500,
  summary: 5000,
  /** Number of authors. */
  authors: 100,
  /** Length of one author's name. */
  author: 200,
  venue: 500,
  doi: 200,
  /** Number of topics. */
  topics: 50,
  url: 2000,
  /** An event's place. */
  location: 300,
} as const;

/** The fields of an item that have a limit; both imported records and merged items have them. */
interface LimitedFields {
  title: string;
  summary: string;
  url: string | null;
  authors: string[];
  venue: string | null;
  doi: string | null;
  topics: string[];
  pdfUrl: string | null;
}

/** How far back from the limit a cut may go to end on a word; further than that, the word is cut. */
const WORD_SLACK = 50;

/** Cuts a plain text to at most `max` characters, at a word boundary when one is near, ending in '…'. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1; // the ellipsis takes one
  // A whitespace at index `room` still means the first `room` characters end on a whole word.
  const head = text.slice(0, room + 1);
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'), head.lastIndexOf('\t'));
  let end = space >= room - WORD_SLACK && space > 0 ? space : room;
  // Never leave half of a surrogate pair (an emoji, a rare CJK character) before the ellipsis.
  const last = text.charCodeAt(end - 1);
  if (end === room && last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** A URL that does not fit is dropped: a cut URL would lead somewhere else. */
function fitUrl(url: string | null): string | null {
  return url !== null && url.length > ITEM_LIMITS.url ? null : url;
}

/**
 * The same item cut to ITEM_LIMITS: long text clipped at a word, the first authors and topics kept,
 * a URL or DOI that does not fit dropped (a cut identifier would name another work).
 */
export function fitToLimits<T extends LimitedFields>(item: T): T {
  return {
    ...item,
    title: clipText(item.title, ITEM_LIMITS.title),
    summary: clipText(item.summary, ITEM_LIMITS.summary),
    url: fitUrl(item.url),
    authors: item.authors.slice(0, ITEM_LIMITS.authors).map((a) => clipText(a, ITEM_LIMITS.author)),
    venue: item.venue === null ? null : clipText(item.venue, ITEM_LIMITS.venue),
    doi: item.doi !== null && item.doi.length > ITEM_LIMITS.doi ? null : item.doi,
    topics: item.topics.slice(0, ITEM_LIMITS.topics),
    pdfUrl: fitUrl(item.pdfUrl),
  };
}
