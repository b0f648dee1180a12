import { packFor, type Language } from './languages.js';

/** A count in the singular and in the plural; `{n}` is the number. */
export interface CountForms {
  one: string;
  other: string;
}

/** An email whose point is one link (confirm, manage, data export): its words around the button. */
export interface LinkEmailStrings {
  subject: string;
  preview: string;
  body: string;
  button: string;
  orPaste: string;
  /** Why only the reader should use the link (it opens their own settings or data). */
  personal: string;
  ignore: string;
}

/**
 * The text of the emails, which every language pack fills in completely. The templates in emails/ look
 * these up as `[[group.key]]`. `{org}`, `{contact}` and `{address}` are filled once at compile time from
 * the settings; `{name}`, `{n}`, `{month}`, `{year}` and `{counts}` are filled in code.
 */
export interface EmailStrings {
  /** `{name}`: the reader's name. */
  greeting: string;
  greetingNoName: string;
  layout: {
    preferences: string;
    unsubscribe: string;
    why: string;
    contact: string;
  };
  confirm: Omit<LinkEmailStrings, 'personal'>;
  manage: LinkEmailStrings;
  dataExport: LinkEmailStrings;
  digest: {
    /** `{month} {year}`, `{org}`, `{counts}` (the counts joined with commas). */
    subject: string;
    /** The subject when no item is counted. */
    subjectEmpty: string;
    /** The pack's month names (dates.ts), January first. */
    months: readonly string[];
    counts: { publication: CountForms; project: CountForms; news: CountForms; event: CountForms; newcomer: CountForms };
    /** `upcoming`: the events still to come ("Coming up"); `team`: the people who joined ("New in the team"). */
    headings: { publication: string; project: string; news: string; upcoming: string; team: string };
    /** Before an event's place. */
    where: string;
    /** The link to a new team member's photo (never shown as an image: nothing is loaded from outside). */
    photo: string;
    heading: string;
    authors: string;
    etAl: string;
    venue: string;
    doi: string;
    read: string;
    matchedTopics: string;
    external: string;
    llmNote: string;
    fallbackNote: string;
    /** The footer line of a digest an editor reviewed and approved. */
    reviewedNote: string;
    reportError: string;
  };
  /** Emails about review, for the console's users. */
  review: {
    /** Put before the subject of a profile's test email. */
    testPrefix: string;
    /** `{period}`, `{org}`. */
    readySubject: string;
    /** `{period}`, `{profiles}`, `{readers}`. */
    readyBody: string;
    /** Before the console link. */
    readyLink: string;
  };
}

/** The email strings of a language, for templates (compiled once) and for the text filled in code. */
export function emailStrings(language: Language): EmailStrings {
  return packFor(language).email;
}
