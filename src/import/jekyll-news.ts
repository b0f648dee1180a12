import { fitToLimits } from '../items/item-limits.js';
import { emptyRecord, type ItemRecord } from '../items/item-record.js';
import { slugify } from '../items/normalize.js';
import { httpUrl, map, str } from './field-values.js';
import { looseDate } from './page-dates.js';
import { inlineMarkdownToText, markdownToText } from './text-cleanup.js';

/** Longest title made from a one-line news headline; the whole headline stays the summary. */
const HEADLINE_TITLE = 160;

/**
 * One entry of the lab template's news list (`_data/news.yml`): a date, often only a month ("November 2022",
 * "26. November 2018"), and a Markdown headline whose links keep their text. A string says why it is left out.
 */
export function newsEntry(entry: unknown): ItemRecord | string {
  const e = map(entry);
  if (!e) return 'not a mapping of fields';
  const headline = inlineMarkdownToText(str(e.headline) ?? str(e.title) ?? str(e.text) ?? '');
  if (!headline) return 'no headline';
  const dateText = str(e.date);
  const dated = dateText ? looseDate(dateText) : null;
  if (!dated) return dateText ? `date "${dateText}" is not a date` : 'no date';
  const title = str(e.title) ? inlineMarkdownToText(str(e.title)!) : headline;
  const r = emptyRecord(
    'data',
    `news/${dated.date}/${slugify(headline).slice(0, 60)}`,
    title.length > HEADLINE_TITLE ? `${title.slice(0, title.lastIndexOf(' ', HEADLINE_TITLE))}…` : title,
  );
  Object.assign(r, {
    kind: 'news',
    summary: (str(e.summary) ? markdownToText(str(e.summary)!) : headline).replace(/\s*\n\s*/g, ' '),
    url: httpUrl(e.link ?? e.url),
    date: dated.date,
    datePrecision: dated.precision,
  });
  return fitToLimits(r);
}
