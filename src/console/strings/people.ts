/** The console's people pages (team members), in one language. Plain text: pages escape it. */
export interface PeopleStrings {
  title: string;
  intro: string;
  filtersHeading: string;
  search: string;
  searchHint: string;
  status: string;
  statuses: { any: string; current: string; alumni: string };
  filter: string;
  clearFilters: string;
  /** "{total} people match." */
  matching: string;
  noResults: string;
  listCaption: string;
  name: string;
  role: string;
  startDate: string;
  startDateHint: string;
  alumni: string;
  alumniHint: string;
  source: string;
  sources: { admin: string; 'hugo-author': string; 'jekyll-team': string };
  actions: string;
  edit: string;
  delete: string;
  newPerson: string;
  createTitle: string;
  /** "Edit: {name}" */
  editTitle: string;
  photoUrl: string;
  bio: string;
  links: string;
  linksHint: string;
  save: string;
  fixErrors: string;
  errors: { required: string; tooLong: string; url: string; date: string; links: string };
  /** "Delete {name}?" */
  deleteTitle: string;
  deleteExplain: string;
  deleteButton: string;
  notices: { created: string; saved: string; deleted: string };
  yes: string;
  no: string;
}
