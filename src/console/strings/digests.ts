/** The console's digests pages, in one language. Plain text: pages escape it. */
export interface DigestsStrings {
  title: string;
}
