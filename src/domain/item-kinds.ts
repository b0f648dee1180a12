/** The kinds of content a digest carries. */
export const ITEM_KINDS = ['project', 'publication', 'news'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
