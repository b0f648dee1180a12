import type { DeliveryStatus, DigestStatus } from '../../domain/statuses.js';

/** The console's digests pages, in one language. Plain text: pages escape it; `{name}` marks a value. */
export interface DigestsStrings {
  title: string;
  /** "Digest {period}" as the detail page's title. */
  detailTitle: string;
  statuses: Record<DigestStatus, string>;
  deliveryStatuses: Record<DeliveryStatus, string>;
  list: {
    caption: string;
    empty: string;
    period: string;
    status: string;
    dryRun: string;
    sent: string;
    failed: string;
    planned: string;
    created: string;
  };
  create: {
    heading: string;
    intro: string;
    period: string;
    periodHint: string;
    windowLegend: string;
    windowHint: string;
    windowStart: string;
    windowEnd: string;
    dryRun: string;
    dryRunHint: string;
    submit: string;
    invalidPeriod: string;
    invalidDate: string;
    windowOrder: string;
  };
  detail: {
    summary: string;
    status: string;
    window: string;
    /** "{start} to {end}" */
    windowRange: string;
    model: string;
    modelDigest: string;
    dryRun: string;
    created: string;
    started: string;
    finished: string;
    error: string;
    pausedReason: string;
    figures: string;
    counts: {
      items: string;
      planned: string;
      skipped: string;
      profiles: string;
      llmCalls: string;
      profilesWithLlm: string;
      profilesWithoutLlm: string;
      composedWithLlm: string;
      composedWithoutLlm: string;
      sent: string;
      failed: string;
      cancelled: string;
      waiting: string;
      groundingReplaced: string;
      hardBounces: string;
      softBounces: string;
      complaints: string;
    };
    /** "{done} of {total} emails composed" */
    composingProgress: string;
    /** "{done} of {total} emails sent" */
    sendingProgress: string;
    progressLabel: string;
    refresh: string;
    reviewHeading: string;
    reviewNotRequired: string;
    /** "Waiting for approval: review the text of each profile." */
    reviewWaiting: string;
    /** "Approved by {who} on {when}" */
    approvedBy: string;
    reviewLink: string;
    actions: string;
    noActions: string;
    adminOnly: string;
  };
  actions: {
    approve: string;
    approveHint: string;
    approveEditor: string;
    pause: string;
    pauseReason: string;
    resume: string;
    retry: string;
    /** "Retry the {n} failed emails" */
    retryCount: string;
    cancel: string;
  };
  cancelPage: {
    title: string;
    /** "Cancel digest {period}? Emails not sent yet ({waiting}) will not be sent. This cannot be undone." */
    question: string;
    confirm: string;
    keep: string;
  };
  deliveries: {
    heading: string;
    caption: string;
    filter: string;
    all: string;
    apply: string;
    email: string;
    status: string;
    composedWith: string;
    attempts: string;
    sentAt: string;
    error: string;
    preview: string;
    /** "Preview the email to {email}" */
    previewOf: string;
    empty: string;
    /** "Deliveries {from}–{to} of {total}" */
    range: string;
  };
  composers: { llm: string; fallback: string };
  preview: {
    /** "Email to {email}" */
    title: string;
    subject: string;
    /** The iframe's title. */
    frameTitle: string;
    textPart: string;
    backToDigest: string;
  };
  notices: {
    created: string;
    existing: string;
    approved: string;
    paused: string;
    resumed: string;
    /** "{n} failed emails will be sent again." */
    retried: string;
    cancelled: string;
  };
}
