/** The console's topic pages, in one language. Plain text: pages escape it. */
export interface TopicsStrings {
  title: string;
  intro: string;
  viewOnly: string;
  listCaption: string;
  slug: string;
  slugHint: string;
  /** "Label ({language})" */
  labelIn: string;
  /** Hint under the default language's label. */
  labelRequired: string;
  /** Hint under the other labels. */
  labelOptional: string;
  position: string;
  onForm: string;
  shown: string;
  hidden: string;
  actions: string;
  /** The row's buttons: a short verb; the topic's label follows for screen readers. */
  moveUp: string;
  moveDown: string;
  hide: string;
  show: string;
  edit: string;
  delete: string;
  noTopics: string;
  createHeading: string;
  create: string;
  /** "Edit the topic {slug}" */
  editTitle: string;
  /** "Delete the topic {label}?" */
  deleteTitle: string;
  /** "{readers} readers chose it and {items} items carry it." */
  deleteUsage: string;
  deleteExplain: string;
  deleteButton: string;
  fixErrors: string;
  slugTaken: string;
  errors: { slug: string; label: string };
  notices: { created: string; saved: string; moved: string; hidden: string; shown: string; deleted: string };
}
