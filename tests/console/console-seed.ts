import type { Db } from '../../src/db/client.js';
import { digests } from '../../src/db/schema.js';
import type { DigestStatus } from '../../src/domain/statuses.js';
import { emailHash } from '../../src/subscribers/email-address.js';
import { addConsentRecord, type ConsentEvent } from '../../src/subscribers/subscriber-repository.js';
import { seedTopics } from '../helpers/digest-fixtures.js';

/** Three topics with labels in both languages, as the console tests use them. */
export function seedConsoleTopics(db: Db): void {
  seedTopics(db, {
    networks: { en: 'Social networks', es: 'Redes sociales' },
    elections: { en: 'Elections', es: 'Elecciones' },
    housing: { en: 'Housing', es: 'Vivienda' },
  });
}

/** One consent log row for an address at a given moment. */
export function seedConsent(
  db: Db,
  secret: string,
  row: { subscriberId: number | null; email: string; event: ConsentEvent; at: Date; form?: string; version?: string; ip?: string; userAgent?: string },
): void {
  addConsentRecord(db, {
    subscriberId: row.subscriberId,
    emailHash: emailHash(secret, row.email),
    event: row.event,
    at: row.at,
    form: row.form ?? 'website',
    consentText: 'I agree to receive the digest.',
    consentVersion: row.version ?? '2026-01',
    origin: { ip: row.ip ?? '203.0.113.7', userAgent: row.userAgent ?? 'Mozilla/5.0 (Test)' },
  });
}

/** A digest row with figures, as a finished (or unfinished) send leaves it. */
export function seedDigest(
  db: Db,
  d: { period: string; status: DigestStatus; sent?: number; failed?: number; profiles?: number; llm?: number; fallback?: number },
): number {
  return db
    .insert(digests)
    .values({
      period: d.period,
      status: d.status,
      windowStart: new Date(`${d.period}-01T00:00:00Z`),
      windowEnd: new Date(`${d.period}-28T00:00:00Z`),
      sentCount: d.sent ?? 0,
      failedCount: d.failed ?? 0,
      profileCount: d.profiles ?? 0,
      composedWithLlm: d.llm ?? 0,
      composedWithoutLlm: d.fallback ?? 0,
    })
    .returning({ id: digests.id })
    .get().id;
}

/** The cells of the first table row whose first cell reads `label`, joined by "|" (with a trailing "|"). */
export function tableRow(html: string, label: string): string {
  return tableRows(html).find((r) => r.startsWith(`${label}|`) || r.startsWith(`${label} `)) ?? '';
}

/** Every table row of a page as its cells' text joined by "|" (with a trailing "|"). */
export function tableRows(html: string): string[] {
  return (html.match(/<tr[^>]*>[\s\S]*?<\/tr>/g) ?? []).map((r) =>
    r
      .replace(/<\/t[hd]>/g, '|')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?\| ?/g, '|')
      .trim(),
  );
}
