/** The console's dashboard pages, in one language. Plain text: pages escape it. */
export interface DashboardStrings {
  title: string;
}
