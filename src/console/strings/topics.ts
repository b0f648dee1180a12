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
  /** "Move {label} up" */
  moveUp: string;
  moveDown: string;
  /** "Hide {label} from the form" */
  hide: string;
  show: string;
  /** "Edit {label}" */
  edit: string;
  /** "Delete {label}" */
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
  notices: { created: string; saved: string; moved: string; hidden: string; shown: string; deleted: string };
}
