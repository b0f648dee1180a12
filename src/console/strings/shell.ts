/** The frame around every console page: navigation, account menu, notices. Plain text. */
export interface ShellStrings {
  /** "{org} console" in the page title and header. */
  product: string;
  skipToContent: string;
  navLabel: string;
  nav: {
    dashboard: string;
    digests: string;
    content: string;
    subscribers: string;
    topics: string;
    settings: string;
    users: string;
  };
  account: string;
  signedInAs: string;
  changePassword: string;
  signOut: string;
  languageLabel: string;
  noticeLabel: string;
  errorLabel: string;
  /** Shown when a role may not use a page or an action. */
  forbidden: string;
  notFound: string;
  back: string;
  save: string;
  cancel: string;
  yes: string;
  no: string;
  none: string;
  previousPage: string;
  nextPage: string;
  /** "{n} of {total}" */
  pageOf: string;
  roles: { editor: string; admin: string };
}
