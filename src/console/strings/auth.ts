/** The console's auth pages, in one language. Plain text: pages escape it. */
export interface AuthStrings {
  title: string;
}
