/** Why a form about a user was refused, by code (the user service's codes, plus the forms' own). */
export interface UserFieldErrors {
  email_required: string;
  email_invalid: string;
  email_too_long: string;
  email_taken: string;
  password_required: string;
  password_too_short: string;
  password_too_long: string;
  password_is_email: string;
  password_wrong: string;
  passwords_differ: string;
  admin_token_wrong: string;
  role_invalid: string;
  language_invalid: string;
  last_admin: string;
  remove_self: string;
  users_exist: string;
}

/** The console's sign-in, first-admin setup and account pages, in one language. Plain text: pages escape it. */
export interface AuthStrings {
  title: string;
  signInTitle: string;
  email: string;
  password: string;
  signIn: string;
  /** The same words whether the address has an account or not. */
  signInFailed: string;
  /** "{minutes}" */
  throttled: string;
  refused: string;
  signedOut: string;
  firstAdminOffer: string;
  setUpFirstAdmin: string;
  setupTitle: string;
  setupIntro: string;
  adminToken: string;
  adminTokenHint: string;
  setupClosed: string;
  createAdmin: string;
  passwordHint: string;
  repeatPassword: string;
  accountTitle: string;
  passwordSection: string;
  currentPassword: string;
  newPassword: string;
  changePassword: string;
  /** After a password change: other sessions have ended. */
  passwordChanged: string;
  languageSection: string;
  language: string;
  saveLanguage: string;
  languageSaved: string;
  /** Title of the page that refuses a form (expired, or from another site). */
  refusedTitle: string;
  csrfRefused: string;
  /** Heading of the list of a form's errors. */
  fixThese: string;
  errors: UserFieldErrors;
}
