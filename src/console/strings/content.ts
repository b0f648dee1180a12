/** The console's content pages, in one language. Plain text: pages escape it. */
export interface ContentStrings {
  title: string;
}
