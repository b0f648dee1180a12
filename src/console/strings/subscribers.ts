/** The console's subscribers pages, in one language. Plain text: pages escape it. */
export interface SubscribersStrings {
  title: string;
}
