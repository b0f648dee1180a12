/**
 * An Atom 1.0 feed (RFC 4287), written by hand: a handful of elements, every text escaped for XML and
 * stripped of the characters XML 1.0 forbids; no feed library is installed, and none is needed for this.
 */

/** One entry: a permanent id, a title, when it was published and last updated, the page it links to, a plain-text summary. */
export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  published: Date;
  link: string;
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** The feed's own address (rel="self") and the page it mirrors (rel="alternate"). */
  self: string;
  alternate: string;
  author: string;
  language: string;
  /** When nothing is in the feed: the time given as its `updated`. */
  emptyUpdated: Date;
  entries: AtomEntry[];
}

// Characters XML 1.0 does not allow at all (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML content and double- or single-quoted attributes. */
export function xmlEscape(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const stamp = (d: Date) => d.toISOString();

function entryXml(e: AtomEntry): string {
  return `<entry>
<id>${xmlEscape(e.id)}</id>
<title type="text">${xmlEscape(e.title)}</title>
<updated>${stamp(e.updated)}</updated>
<published>${stamp(e.published)}</published>
<link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>
<summary type="text">${xmlEscape(e.summary)}</summary>
</entry>`;
}

/** The feed as an XML document. Its `updated` is the newest entry's. */
export function atomXml(feed: AtomFeed): string {
  const updated = feed.entries.length ? new Date(Math.max(...feed.entries.map((e) => e.updated.getTime()))) : feed.emptyUpdated;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(feed.language)}">
<id>${xmlEscape(feed.id)}</id>
<title type="text">${xmlEscape(feed.title)}</title>
<updated>${stamp(updated)}</updated>
<author><name>${xmlEscape(feed.author)}</name></author>
<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>
<link rel="alternate" type="text/html" href="${xmlEscape(feed.alternate)}"/>
${feed.entries.map(entryXml).join('\n')}
</feed>
`;
}
