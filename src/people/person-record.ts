/** Where a person came from: the console or API, or the import that found them. */
export const PERSON_SOURCES = ['admin', 'hugo-author', 'jekyll-team'] as const;
export type PersonSource = (typeof PERSON_SOURCES)[number];

/** A link on a person's profile (a web page, a scholar profile, a repository). */
export interface PersonLink {
  label: string;
  url: string;
}

/** The fields of a person that are written (by the API, the console or an import). */
export interface PersonFields {
  name: string;
  role: string | null;
  photoUrl: string | null;
  bio: string;
  /** Calendar date YYYY-MM-DD (day 01 when only the month or year is known). */
  startDate: string | null;
  links: PersonLink[];
  alumni: boolean;
}

/** What an import says about one team member; source and key find the same person on the next import. */
export interface PersonRecord extends PersonFields {
  source: Exclude<PersonSource, 'admin'>;
  sourceKey: string;
}

/** The largest person the console, the API and the imports keep (imports cut to fit, the API refuses more). */
export const PERSON_LIMITS = { name: 200, role: 300, bio: 2000, url: 2000, links: 20, linkLabel: 100 } as const;
