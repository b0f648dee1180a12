/** The console's topics pages, in one language. Plain text: pages escape it. */
export interface TopicsStrings {
  title: string;
}
