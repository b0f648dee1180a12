import type { AppContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { format } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { pageStrings } from '../i18n/page-strings.js';
import { type ArchiveIssue, archiveIssue } from './archive-issue.js';
import { publishedDigest, publishedDigests } from './archive-repository.js';
import { atomXml } from './atom-feed.js';

type ArchiveContext = Pick<AppContext, 'db' | 'config'>;

/** How many issues the feed carries, newest first: enough for any reader that polls it. */
const FEED_ENTRIES = 24;

/** One issue in the archive's list. */
export interface ArchiveListEntry {
  period: string;
  /** "November 2026" / "Noviembre de 2026". */
  name: string;
  sentAt: Date;
}

/** "November 2026" / "noviembre de 2026" in a language (Intl knows how each writes it); capitalised as a heading when `heading`. */
export function periodName(period: string, language: Language, heading = true): string {
  const name = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));
  return heading ? name.charAt(0).toLocaleUpperCase(language) + name.slice(1) : name;
}

const sentAt = (d: { finishedAt: Date | null; createdAt: Date }) => d.finishedAt ?? d.createdAt;

/** The archive must be public; otherwise all of it is not there. */
function requirePublic(ctx: ArchiveContext): void {
  if (!ctx.config.ARCHIVE_PUBLIC) throw new NotFoundError('The archive is not public');
}

/** Every published digest, newest first, named in the page's language. NotFoundError when the archive is off. */
export function listArchive(ctx: ArchiveContext, language: Language): ArchiveListEntry[] {
  requirePublic(ctx);
  return publishedDigests(ctx.db).map((d) => ({ period: d.period, name: periodName(d.period, language), sentAt: sentAt(d) }));
}

/** One published digest in a language, with no reader in it. NotFoundError when the archive is off or the period has no published digest. */
export async function showArchiveIssue(ctx: ArchiveContext, period: string, language: Language): Promise<ArchiveIssue & { name: string; sentAt: Date }> {
  requirePublic(ctx);
  const digest = publishedDigest(ctx.db, period);
  if (!digest) throw new NotFoundError(`No digest was sent for ${period}`);
  return { ...(await archiveIssue(ctx.db, ctx.config, digest, language)), name: periodName(period, language), sentAt: sentAt(digest) };
}

/** The archive as an Atom feed in one language: an entry per published digest, its subject, link and intro. */
export async function archiveFeed(ctx: ArchiveContext, language: Language, now = new Date()): Promise<string> {
  requirePublic(ctx);
  const base = ctx.config.PUBLIC_URL;
  const t = pageStrings(language).archive;
  const entries = [];
  for (const digest of publishedDigests(ctx.db, FEED_ENTRIES)) {
    const issue = await archiveIssue(ctx.db, ctx.config, digest, language);
    const link = `${base}/archive/${digest.period}?lang=${language}`;
    entries.push({ id: link, title: issue.subject, updated: sentAt(digest), published: sentAt(digest), link, summary: issue.intro });
  }
  return atomXml({
    id: `${base}/archive/feed.xml?lang=${language}`,
    title: format(t.feedTitle, { org: ctx.config.ORG_NAME }),
    self: `${base}/archive/feed.xml?lang=${language}`,
    alternate: `${base}/archive?lang=${language}`,
    author: ctx.config.ORG_NAME,
    language,
    emptyUpdated: now,
    entries,
  });
}
