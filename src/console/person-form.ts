import type { z } from 'zod';
import type { PersonView } from '../people/person-repository.js';
import { type PersonInput, personInputSchema } from '../people/person-schema.js';
import type { ConsoleStrings } from './console-strings.js';
import type { FormFields } from './form-body.js';

/** The person form's fields as the editor typed them, to show the form again. */
export interface PersonFormValues {
  name: string;
  role: string;
  photoUrl: string;
  bio: string;
  startDate: string;
  /** One link a line: "Label | https://…" (or only the address). */
  links: string;
  alumni: boolean;
}

/** The person form's field ids, in the order of the form (errors are listed in this order). */
export const PERSON_FIELDS = ['name', 'role', 'photoUrl', 'bio', 'startDate', 'links', 'alumni'] as const;

/** An empty form for a new person. */
export function newPersonValues(): PersonFormValues {
  return { name: '', role: '', photoUrl: '', bio: '', startDate: '', links: '', alumni: false };
}

/** A stored person as the form shows them. */
export function personValues(p: PersonView): PersonFormValues {
  return {
    name: p.name,
    role: p.role ?? '',
    photoUrl: p.photoUrl ?? '',
    bio: p.bio,
    startDate: p.startDate ?? '',
    links: p.links.map((l) => `${l.label} | ${l.url}`).join('\n'),
    alumni: p.alumni,
  };
}

/** Reads the posted person form. */
export function readPersonForm(fields: FormFields): PersonFormValues {
  return {
    name: fields.text('name'),
    role: fields.text('role'),
    photoUrl: fields.text('photoUrl'),
    bio: fields.text('bio'),
    startDate: fields.text('startDate'),
    links: fields.text('links'),
    alumni: fields.has('alumni'),
  };
}

const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** "Website | https://…" → a link; a line with only an address is labelled by its host. */
function linkOf(line: string): { label: string; url: string } {
  const bar = line.lastIndexOf('|');
  const url = (bar < 0 ? line : line.slice(bar + 1)).trim();
  let label = bar < 0 ? '' : line.slice(0, bar).trim();
  if (!label) {
    try {
      label = new URL(url).hostname;
    } catch {
      label = url;
    }
  }
  return { label, url };
}

function messageFor(s: ConsoleStrings, field: string, issue: z.core.$ZodIssue): string {
  const e = s.people.errors;
  if (field === 'links') return e.links;
  if (field === 'name' && issue.code === 'too_small') return e.required;
  if (issue.code === 'too_big') return e.tooLong;
  if (field === 'photoUrl') return e.url;
  if (field === 'startDate') return e.date;
  return e.required;
}

/** The form checked by the admin API's own schema; on failure, the errors by field id in the console's words. */
export function checkPersonForm(s: ConsoleStrings, v: PersonFormValues): { ok: true; input: PersonInput } | { ok: false; errors: Record<string, string> } {
  const parsed = personInputSchema.safeParse({
    name: v.name,
    role: blankToNull(v.role),
    photoUrl: blankToNull(v.photoUrl),
    bio: v.bio,
    startDate: blankToNull(v.startDate),
    links: v.links
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map(linkOf),
    alumni: v.alumni,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'name');
    errors[field] ??= messageFor(s, field, issue);
  }
  return { ok: false, errors };
}
