/** The console's users pages, in one language. Plain text: pages escape it. */
export interface UsersStrings {
  title: string;
  listCaption: string;
  email: string;
  role: string;
  lastSignIn: string;
  actions: string;
  never: string;
  /** Marks the signed-in user's own row. */
  you: string;
  /** "Role of {email}" (the label of each row's role select). */
  roleOf: string;
  changeRole: string;
  addTitle: string;
  initialPassword: string;
  initialPasswordHint: string;
  add: string;
  /** "{email} can now sign in." */
  added: string;
  /** "The initial password of {email}, shown only this once:" */
  generatedPassword: string;
  generatedPasswordHint: string;
  roleChanged: string;
  remove: string;
  /** "Remove {email}" */
  removeTitle: string;
  /** "{email} will no longer be able to sign in. This cannot be undone." */
  removeWarning: string;
  confirmRemove: string;
  removed: string;
}
