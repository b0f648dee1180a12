/** The console's review pages, in one language. Plain text: pages escape it. */
export interface ReviewStrings {
  title: string;
}
