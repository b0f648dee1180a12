import type { SubscriberStatus } from '../domain/statuses.js';
import { format } from './format.js';
import { offeredLanguagesIn } from './language-names.js';
import { LANGUAGES, packFor, type Language } from './languages.js';

/**
 * The text of the public pages, which every language pack fills in completely. Values are plain text
 * (the pages escape them). `{languages}` is replaced with the names of the offered languages.
 */
export interface PageStrings {
  /** Title of the list of a form's errors. */
  errorSummary: string;
  /** One message per form error code. */
  errors: {
    email_required: string;
    email_invalid: string;
    email_too_long: string;
    name_too_long: string;
    name_invalid: string;
    /** `{languages}`: "English or Spanish", in this language. */
    language_invalid: string;
    topics_unknown: string;
    consent_required: string;
    honeypot: string;
    form_invalid: string;
  };
  subscribe: {
    title: string;
    intro: string;
    email: string;
    emailHint: string;
    name: string;
    language: string;
    topics: string;
    topicsHint: string;
    consentLegend: string;
    consentLabel: string;
    honeypot: string;
    submit: string;
  };
  checkInbox: { title: string; body: string };
  confirm: {
    title: string;
    body: string;
    button: string;
    doneTitle: string;
    doneBody: string;
    preferencesLink: string;
    notPendingTitle: string;
    notPendingBody: string;
    subscribeLink: string;
  };
  unsubscribe: {
    title: string;
    body: string;
    button: string;
    doneTitle: string;
    doneBody: string;
    preferencesLink: string;
  };
  preferences: {
    title: string;
    status: string;
    statuses: Record<SubscriberStatus, string>;
    pausedNote: string;
    email: string;
    name: string;
    language: string;
    topics: string;
    topicsHint: string;
    pause: string;
    save: string;
    saved: string;
    resubscribeTitle: string;
    resubscribe: string;
    resubscribed: string;
    unsubscribeLink: string;
    dataTitle: string;
    exportButton: string;
    exportSentTitle: string;
    exportSentBody: string;
    back: string;
    deleteButton: string;
    deleteTitle: string;
    deleteBody: string;
    deleteConfirm: string;
    cancel: string;
    goodbyeTitle: string;
    goodbyeBody: string;
  };
  manage: {
    title: string;
    intro: string;
    email: string;
    submit: string;
    sentTitle: string;
    sentBody: string;
  };
  /** The error page: a broken link (404), too many requests (429), anything else. */
  errorPage: {
    notFoundTitle: string;
    notFoundBody: string;
    tooManyTitle: string;
    tooManyBody: string;
    otherTitle: string;
    otherBody: string;
  };
  /** The public archive of sent digests. `{org}`: the lab's name; `{issue}`: a digest's period ("November 2026", written by Intl); `{date}`: a day. */
  archive: {
    title: string;
    intro: string;
    empty: string;
    sentOn: string;
    /** Above the email: what it is. */
    issueIntro: string;
    frameTitle: string;
    textVersion: string;
    back: string;
    subscribe: string;
    feed: string;
    feedTitle: string;
    /** The list of other languages the issue can be read in. */
    otherLanguages: string;
  };
  /** Plain-text answer to a one-click unsubscribe (RFC 8058). */
  oneClickDone: string;
  /** Message of the JSON answer to a signup. */
  jsonAccepted: string;
}

// Filled once per language: the only page string that depends on which languages are registered.
const PAGES = new Map<Language, PageStrings>(
  LANGUAGES.map((language) => {
    const pages = packFor(language).pages;
    const languageInvalid = format(pages.errors.language_invalid, { languages: offeredLanguagesIn(language) });
    return [language, { ...pages, errors: { ...pages.errors, language_invalid: languageInvalid } }];
  }),
);

/** The public pages' text in one language. */
export function pageStrings(lang: Language): PageStrings {
  return PAGES.get(lang)!;
}
