import { and, asc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { people } from '../db/schema.js';
import { MAX_NEW_PEOPLE, TEAM_BIO_MAX, type TeamMember } from '../jobs/digest-jobs.js';
import { clipText } from '../items/item-limits.js';
import type { DigestWindowBounds } from '../digests/window-items.js';

type PersonRow = typeof people.$inferSelect;

/** When a person joined, for the digest: their start date, or when they were added when none is known. */
const joinedAt = sql<number>`coalesce(${people.startDate}, ${people.createdAt})`;

/** A person as a compose job carries them: the photo kept only when it is an https address. */
function teamMemberOf(row: PersonRow): TeamMember {
  const photo = row.photoUrl?.trim() ?? '';
  return {
    id: row.id,
    name: clipText(row.name, 200),
    role: row.role === null ? null : clipText(row.role, 300),
    photoUrl: /^https:\/\/[^\s]+$/i.test(photo) && photo.length <= 2000 ? photo : null,
    bio: clipText(row.bio, TEAM_BIO_MAX),
    startDate: row.startDate ? row.startDate.toISOString().slice(0, 10) : null,
  };
}

/**
 * The team members who joined inside a digest's window (start date, or the day they were added when it
 * is unknown), alumni left out, in the order they joined. The windows of real digests follow one
 * another, so each new member is announced once.
 */
export function newTeamMembers(db: DbOrTx, window: DigestWindowBounds): TeamMember[] {
  const from = window.inclusiveStart ? gte(joinedAt, window.start.getTime()) : gt(joinedAt, window.start.getTime());
  return db
    .select()
    .from(people)
    .where(and(eq(people.alumni, false), from, lte(joinedAt, window.end.getTime())))
    .orderBy(asc(joinedAt), asc(people.id))
    .limit(MAX_NEW_PEOPLE)
    .all()
    .map(teamMemberOf);
}

/** These people as jobs carry them, in the order of `ids` (those deleted since are left out). */
export function loadTeamMembers(db: DbOrTx, ids: readonly number[]): TeamMember[] {
  if (ids.length === 0) return [];
  const rows = new Map(
    db
      .select()
      .from(people)
      .where(inArray(people.id, [...ids]))
      .all()
      .map((r) => [r.id, r]),
  );
  return ids.flatMap((id) => (rows.has(id) ? [teamMemberOf(rows.get(id)!)] : []));
}
