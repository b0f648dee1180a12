import type { ItemKind } from '../../domain/item-kinds.js';

/** The console's content pages, in one language. Plain text: pages escape it. */
export interface ContentStrings {
  title: string;
  filtersHeading: string;
  kind: string;
  kinds: Record<ItemKind, string>;
  topic: string;
  language: string;
  search: string;
  searchHint: string;
  any: string;
  filter: string;
  clearFilters: string;
  /** "{total} items match" */
  matching: string;
  noResults: string;
  listCaption: string;
  itemTitle: string;
  date: string;
  topics: string;
  source: string;
  actions: string;
  /** The row's links: a short verb; the item's title follows for screen readers. */
  edit: string;
  delete: string;
  newItem: string;
  importLink: string;
  createTitle: string;
  /** "Edit: {title}" */
  editTitle: string;
  summary: string;
  url: string;
  authors: string;
  authorsHint: string;
  dateHint: string;
  topicsLegend: string;
  venue: string;
  doi: string;
  doiHint: string;
  external: string;
  externalHint: string;
  /** The event fields of the item form. */
  eventLegend: string;
  eventHint: string;
  startsAt: string;
  endsAt: string;
  /** "Times in {zone}; leave empty for an all-day event." */
  eventTimeHint: string;
  endDate: string;
  location: string;
  save: string;
  fixErrors: string;
  /** Field errors by what failed. */
  errors: {
    required: string;
    invalid: string;
    tooLong: string;
    url: string;
    date: string;
    doi: string;
    tooMany: string;
    unknownTopics: string;
    dateTime: string;
    eventOnly: string;
    endsBeforeStart: string;
  };
  /** "Delete {title}?" */
  deleteTitle: string;
  deleteExplain: string;
  deleteButton: string;
  notices: { created: string; saved: string; deleted: string };
  importsTitle: string;
  importsIntro: string;
  uploadHeading: string;
  file: string;
  /** "Markdown …; at most {size} each." */
  fileHint: string;
  folder: string;
  folderHint: string;
  /** "Upload at most {count} files at once." */
  tooMany: string;
  /** "The files together are larger than {size}." */
  tooLargeTotal: string;
  upload: string;
  urlHeading: string;
  importUrl: string;
  importUrlHint: string;
  importFromUrl: string;
  noFile: string;
  /** "{name} is larger than the import limit of {size}." */
  tooLarge: string;
  importFailed: string;
  summaryTitle: string;
  /** "Files read: {files}" */
  filesRead: string;
  added: string;
  updated: string;
  unchanged: string;
  skipped: string;
  failed: string;
  outcome: string;
  outcomes: { added: string; updated: string; unchanged: string };
  itemsHeading: string;
  skippedHeading: string;
  failedHeading: string;
  fileColumn: string;
  entry: string;
  reason: string;
  line: string;
  message: string;
  createdTopics: string;
  mergeNote: string;
  mergesHeading: string;
  /** "merged into #{id}" */
  mergedInto: string;
  notesHeading: string;
  note: string;
  peopleHeading: string;
  person: string;
  alumnus: string;
  /** The events page: upcoming and past events of the lab. */
  eventsLink: string;
  eventsTitle: string;
  eventsIntro: string;
  upcomingHeading: string;
  pastHeading: string;
  noUpcoming: string;
  noPast: string;
  starts: string;
  ends: string;
  newEvent: string;
  summaryGone: string;
  anotherImport: string;
}
