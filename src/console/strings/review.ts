import type { LineOrigin, ProfileAction } from '../../domain/statuses.js';

/** The console's review pages, in one language. Plain text: pages escape it; `{name}` marks a value. */
export interface ReviewStrings {
  title: string;
  /** "Review of digest {period}" */
  digestTitle: string;
  /** "Profile {n}: {language}, {topics}" */
  profileTitle: string;
  intro: string;
  notInReview: string;
  profiles: {
    caption: string;
    empty: string;
    profile: string;
    language: string;
    topics: string;
    readers: string;
    flagged: string;
    composedWith: string;
    open: string;
    /** "Open profile {n}" */
    openProfile: string;
    noTopics: string;
  };
  approve: {
    heading: string;
    /** "{n} lines are still flagged: approving replaces each with the item's own text." */
    flaggedWarning: string;
    noneFlagged: string;
  };
  profile: {
    summary: string;
    email: string;
    frameTitle: string;
    textPart: string;
    text: string;
    textHint: string;
    notComposed: string;
    llmError: string;
    backToReview: string;
    written: string;
    own: string;
    ownTitle: string;
    ownSummary: string;
    authors: string;
    venue: string;
    link: string;
  };
  lines: {
    intro: string;
    line: string;
    summary: string;
    /** A new team member's welcome line, and the heading of those lines. */
    welcome: string;
    team: string;
    empty: string;
    origin: string;
    origins: Record<LineOrigin, string>;
    /** "Flagged: these words are not in the sources the model was given:" */
    flagged: string;
    /** "Kept on purpose, despite:" */
    kept: string;
    figure: string;
    name: string;
    /** "Edit “{line}” of “{item}”" */
    editLabel: string;
    /** "Edit the intro" */
    editIntroLabel: string;
    editHint: string;
    save: string;
    keep: string;
    fallback: string;
    /** Visually hidden context after each button: "({line} of “{item}”)". */
    context: string;
  };
  actions: {
    heading: string;
    regenerate: string;
    regenerateHint: string;
    testSend: string;
    testSendTo: string;
    testSendHint: string;
  };
  provenance: {
    heading: string;
    model: string;
    modelDigest: string;
    promptVersion: string;
    composedWith: string;
    fallback: string;
    items: string;
    itemsCaption: string;
    item: string;
    hash: string;
    findings: string;
    noFindings: string;
    rawAnswer: string;
    noRawAnswer: string;
    events: string;
    eventsCaption: string;
    noEvents: string;
    when: string;
    who: string;
    what: string;
    target: string;
    change: string;
    actions: Record<ProfileAction, string>;
    approvedBy: string;
  };
  notices: {
    edited: string;
    kept: string;
    fallback: string;
    regenerated: string;
    testSent: string;
  };
  errors: {
    badTarget: string;
    badAddress: string;
    tooLong: string;
  };
}
