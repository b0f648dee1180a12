/** The kinds of content a digest carries. An event's date is the day it starts (in the lab's time zone). */
export const ITEM_KINDS = ['project', 'publication', 'news', 'event'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
