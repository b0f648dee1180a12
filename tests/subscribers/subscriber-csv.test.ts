import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/client.js';
import { CSV_COLUMNS, subscriberCsvChunks, subscribersCsv } from '../../src/subscribers/subscriber-csv.js';
import { seedSubscriber, seedTopics } from '../helpers/digest-fixtures.js';

describe('the subscriber CSV export', () => {
  let db: Db;
  const freshDb = () => (db = openDatabase(join(mkdtempSync(join(tmpdir(), 'labdigest-csv-')), 'labdigest.db')));
  afterEach(() => db?.$client.close());

  it('writes a bare header, every cell quoted, CRLF line ends and defused formulas', () => {
    freshDb();
    seedTopics(db, { networks: { en: 'Networks', es: 'Redes' }, elections: { en: 'Elections', es: 'Elecciones' } });
    const ada = seedSubscriber(db, { email: 'ada@uni.example', name: 'Ada "the first" Lovelace', topics: ['networks', 'elections'] });
    seedSubscriber(db, { email: 'bea@uni.example', name: '=HYPERLINK("http://evil.example","x")', language: 'es', status: 'pending' });
    seedSubscriber(db, { email: 'cid@uni.example', name: '\tTabbed', paused: true });
    seedSubscriber(db, { email: 'dan@uni.example', name: null });

    const csv = subscribersCsv(db);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(0, -2).split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]).toMatch(
      new RegExp(
        `^"${ada}","ada@uni.example","Ada ""the first"" Lovelace","en","active","no","elections;networks","\\d{4}-\\d\\d-\\d\\dT[^"]+Z","\\d{4}-[^"]+Z",""$`,
      ),
    );
    expect(lines[2]).toContain(`"bea@uni.example","'=HYPERLINK(""http://evil.example"",""x"")","es","pending","no",""`);
    expect(lines[3]).toContain(`"cid@uni.example","'\tTabbed","en","active","yes"`);
    expect(lines[4]).toContain(`"dan@uni.example","","en"`);
  });

  it('filters like the list does', () => {
    freshDb();
    seedSubscriber(db, { email: 'on@uni.example' });
    seedSubscriber(db, { email: 'off@uni.example', status: 'unsubscribed' });
    const lines = subscribersCsv(db, { status: 'unsubscribed' }).trimEnd().split('\r\n');
    expect(lines.map((l) => l.split(',')[1])).toEqual(['email', '"off@uni.example"']);
  });

  it('comes in one chunk per batch of 500 subscribers, never the whole list at once', () => {
    freshDb();
    db.$client.transaction(() => {
      for (let i = 0; i < 1201; i++) seedSubscriber(db, { email: `reader${String(i).padStart(4, '0')}@uni.example` });
    })();
    const chunks = [...subscriberCsvChunks(db)];
    expect(chunks.map((c) => c.split('\r\n').length - 1)).toEqual([1, 500, 500, 201]);
    expect(chunks.join('')).toBe(subscribersCsv(db));
    expect(chunks[3]!.trimEnd().split('\r\n').at(-1)).toContain('"reader1200@uni.example"');
  });
});
