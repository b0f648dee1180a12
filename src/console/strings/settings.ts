/** The console's settings pages, in one language. Plain text: pages escape it. */
export interface SettingsStrings {
  title: string;
}
