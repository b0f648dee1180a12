import type { ItemKind } from '../domain/item-kinds.js';
import type { ComposedWith } from '../domain/statuses.js';
import { emailStrings, type EmailStrings } from '../i18n/email-strings.js';
import { format } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { InvalidInputError } from '../errors.js';
import { escapeForHtml, escapeForText, oneLine, safeHttpUrl, tidyText } from './escape.js';
import { greeting } from './greeting.js';
import { fillSegments, mapTexts, renderParts, type Scope, type Segments } from './placeholders.js';
import type { TemplateCache } from './template-cache.js';

export interface DigestEmailItem {
  id: number;
  kind: ItemKind;
  title: string;
  url: string | null;
  authors: string[];
  venue: string | null;
  doi: string | null;
  summary: string;
  line: string;
  matchedTopics: string[];
  external: boolean;
  /** Events: when (already in words) and where; `upcoming` ones go under "Coming up", past ones with the news. */
  event?: { when: string; location: string | null; upcoming: boolean };
}

/** A team member who joined since the last digest, with the welcome line. */
export interface DigestEmailPerson {
  id: number;
  name: string;
  role: string | null;
  /** An https address, shown only as a link. */
  photoUrl: string | null;
  line: string;
}

export interface DigestEmailModel {
  language: Language;
  period: string /* YYYY-MM */;
  intro: string;
  items: DigestEmailItem[];
  /** "New in the team". */
  people?: DigestEmailPerson[];
  composedWith: ComposedWith;
  /** An editor of the lab reviewed and approved this text: the footer says so. */
  reviewed?: boolean;
}

/** One profile's email, rendered once, with the reader's greeting and links still open. Treat as opaque. */
export interface ProfileRender {
  readonly language: Language;
  readonly subject: string;
  readonly html: Segments;
  readonly text: Segments;
}

/** What is filled in per reader. */
export interface DigestReader {
  name: string | null;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

const KIND_ORDER = ['publication', 'project', 'news'] as const;
/** The group an item is shown in: a past event is news of the month; upcoming events have their own section. */
const groupOf = (item: DigestEmailItem): (typeof KIND_ORDER)[number] | 'upcoming' =>
  item.kind === 'event' ? (item.event?.upcoming ? 'upcoming' : 'news') : item.kind;
const READER_SLOTS: ReadonlySet<string> = new Set(['greeting', 'preferencesUrl', 'unsubscribeUrl']);
const MAX_AUTHORS = 8;

/** "November 2026 at Lab: 2 publications, 3 projects, 1 news, 1 event, 1 new team member" in the profile's language. */
export function digestSubject(strings: EmailStrings, org: string, period: string, items: readonly DigestEmailItem[], newcomers = 0): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  const month = m ? strings.digest.months[Number(m[2]) - 1] : undefined;
  if (!m || !month) throw new InvalidInputError(`period must look like 2026-11, got "${period}"`);
  const counted = (kind: (typeof KIND_ORDER)[number] | 'event' | 'newcomer') => (kind === 'newcomer' ? newcomers : items.filter((i) => i.kind === kind).length);
  const counts = ([...KIND_ORDER, 'event', 'newcomer'] as const).flatMap((kind) => {
    const n = counted(kind);
    if (n === 0) return [];
    const forms = strings.digest.counts[kind];
    return [format(n === 1 ? forms.one : forms.other, { n })];
  });
  const vars = { month, year: m[1]!, org: oneLine(org), counts: counts.join(', ') };
  return format(counts.length ? strings.digest.subject : strings.digest.subjectEmpty, vars);
}

function authorsLine(strings: EmailStrings, authors: readonly string[]): string {
  const names = authors.map(oneLine).filter(Boolean);
  if (names.length <= MAX_AUTHORS) return names.join(', ');
  return `${names.slice(0, MAX_AUTHORS).join(', ')} ${strings.digest.etAl}`;
}

function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}

function itemScope(strings: EmailStrings, item: DigestEmailItem): Scope {
  const doi = item.doi ? oneLine(item.doi) : '';
  const authors = authorsLine(strings, item.authors);
  const venue = item.venue ? oneLine(item.venue) : '';
  const topics = item.matchedTopics.map(oneLine).filter(Boolean).join(', ');
  return {
    title: item.title,
    url: safeHttpUrl(item.url),
    authors,
    venue,
    doi,
    doiUrl: doi ? doiUrl(doi) : '',
    line: item.line,
    summary: item.summary,
    topics,
    external: item.external,
    // Rows shown only when they have something in them, so an item has no empty lines.
    meta: Boolean(authors || venue || doi),
    notes: Boolean(topics || item.external),
    when: item.event ? oneLine(item.event.when) : '',
    location: item.event?.location ? oneLine(item.event.location) : '',
  };
}

function personScope(person: DigestEmailPerson): Scope {
  return {
    name: oneLine(person.name),
    role: person.role ? oneLine(person.role) : '',
    // Only https, and only as a link: an image would be loaded from outside when the email is opened.
    photoUrl: person.photoUrl && /^https:/i.test(person.photoUrl) ? (safeHttpUrl(person.photoUrl) ?? '') : '',
    welcome: person.line,
  };
}

/**
 * Renders one profile's digest from the compiled template: items grouped by kind (publications,
 * projects, news with the events that took place), then the events coming up and the new team members;
 * every text escaped, links only for http(s) URLs. String work only; run once per profile.
 */
export function renderDigestProfile(cache: TemplateCache, model: DigestEmailModel): ProfileRender {
  const strings = cache.strings(model.language);
  const template = cache.get('digest', model.language);
  const people = model.people ?? [];
  const subject = digestSubject(strings, cache.brand.ORG_NAME, model.period, model.items, people.length);
  const groups: Scope[] = KIND_ORDER.flatMap((kind) => {
    const items = model.items.filter((i) => groupOf(i) === kind);
    return items.length ? [{ heading: strings.digest.headings[kind], items: items.map((i) => itemScope(strings, i)) }] : [];
  });
  const upcoming = model.items.filter((i) => groupOf(i) === 'upcoming').map((i) => itemScope(strings, i));
  const intro = oneLine(model.intro);
  const scope: Scope = {
    title: subject,
    preview: intro.length > 140 ? `${intro.slice(0, 139)}…` : intro,
    intro,
    groups,
    upcoming,
    upcomingSection: upcoming.length > 0,
    team: people.map(personScope),
    teamSection: people.length > 0,
    llm: model.composedWith === 'llm',
    fallback: model.composedWith !== 'llm',
    reviewed: model.reviewed === true,
    listLinks: true,
  };
  return {
    language: model.language,
    subject,
    html: renderParts(template.html, scope, escapeForHtml, READER_SLOTS),
    text: mapTexts(renderParts(template.text, scope, escapeForText, READER_SLOTS), tidyText),
  };
}

/** A reader's link, checked: only absolute http(s) URLs go into an email. */
export function readerUrl(value: string, label: string): string {
  const url = safeHttpUrl(value);
  if (!url) throw new InvalidInputError(`${label} must be an http(s) URL`);
  return value.trim();
}

/** One reader's values for a profile's open slots: the greeting in the profile's language, the links checked. */
export function readerValues(profile: ProfileRender, reader: DigestReader): Record<string, string> {
  return {
    greeting: greeting(emailStrings(profile.language), reader.name),
    preferencesUrl: readerUrl(reader.preferencesUrl, 'preferencesUrl'),
    unsubscribeUrl: readerUrl(reader.unsubscribeUrl, 'unsubscribeUrl'),
  };
}

/** Fills one reader's name and links into a rendered profile: the per-reader step, pure string work. */
export function fillDigest(profile: ProfileRender, reader: DigestReader): { subject: string; html: string; text: string } {
  return fillDigestWith(profile, readerValues(profile, reader));
}

/** fillDigest with the reader's values worked out already (readerValues), for a caller that needs them too. */
export function fillDigestWith(profile: ProfileRender, values: Readonly<Record<string, string>>): { subject: string; html: string; text: string } {
  return {
    subject: profile.subject,
    html: fillSegments(profile.html, values, escapeForHtml),
    text: fillSegments(profile.text, values, escapeForText),
  };
}
