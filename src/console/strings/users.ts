/** The console's users pages, in one language. Plain text: pages escape it. */
export interface UsersStrings {
  title: string;
}
