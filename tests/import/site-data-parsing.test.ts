import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/import/import-errors.js';
import { importJekyllData } from '../../src/import/jekyll-data.js';
import { roleLine } from '../../src/import/jekyll-team.js';
import { importMarkdown } from '../../src/import/markdown-import.js';
import { lastUpdatedLine, looseDate } from '../../src/import/page-dates.js';
import { MAX_DATA_ENTRIES, MAX_YAML_ALIASES, loadYamlData } from '../../src/import/yaml-data.js';
import { parseEventTime } from '../../src/items/event-times.js';

describe('dates as lab pages write them', () => {
  it.each([
    ['2023-04-11', '2023-04-11', 'day'],
    ['April 11, 2023', '2023-04-11', 'day'],
    ['11 April 2023', '2023-04-11', 'day'],
    ['26. November 2018', '2018-11-26', 'day'],
    ['November 2022', '2022-11-01', 'month'],
    ['Sep 2015', '2015-09-01', 'month'],
    ['3 de marzo de 2024', '2024-03-03', 'day'],
  ])('%s is %s (%s)', (text, date, precision) => {
    expect(looseDate(text)).toEqual({ date, precision });
  });

  it('finds a "Last updated" line only near the end of a page', () => {
    expect(lastUpdatedLine('Intro.\n\nMore.\n\n*Last updated: April 11, 2023.*\n')).toEqual({ date: '2023-04-11', precision: 'day' });
    expect(lastUpdatedLine('Last updated: April 11, 2023.\n\none\n\ntwo\n\nthree\n\nfour\n\nfive\n')).toBeNull();
    expect(looseDate('February 30, 2023')).toBeNull();
  });

  it('splits a role line from the start it names', () => {
    expect(roleLine('PhD Student, started Sep 2015')).toEqual({ role: 'PhD Student', startDate: '2015-09-01' });
    expect(roleLine('Postdoc, Marine Biology, since 2019')).toEqual({ role: 'Postdoc, Marine Biology', startDate: '2019-01-01' });
    expect(roleLine('Lab manager')).toEqual({ role: 'Lab manager', startDate: null });
  });
});

describe('event times in the lab’s time zone', () => {
  it('reads a wall-clock time in the zone, across a daylight-saving change, and keeps a written offset', () => {
    expect(parseEventTime('2030-03-30T10:00', 'Europe/Madrid')).toEqual({ day: '2030-03-30', instant: '2030-03-30T09:00:00.000Z' });
    expect(parseEventTime('2030-03-31T10:00', 'Europe/Madrid')).toEqual({ day: '2030-03-31', instant: '2030-03-31T08:00:00.000Z' });
    expect(parseEventTime('2030-06-01T23:30:00Z', 'Europe/Madrid')).toEqual({ day: '2030-06-02', instant: '2030-06-01T23:30:00.000Z' });
    expect(parseEventTime('2030-06-01', 'Europe/Madrid')).toEqual({ day: '2030-06-01', instant: null });
    expect(parseEventTime('2030-02-30T10:00', 'UTC')).toBeNull();
    expect(parseEventTime('2030-06-01T25:00', 'UTC')).toBeNull();
  });
});

describe('YAML data files are bounded like every other import', () => {
  it('refuses aliases that repeat each other (billion laughs) before walking them', () => {
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    let prev = 'a';
    for (let i = 0; i < 12; i++) {
      bomb += `b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = `b${i}`;
    }
    expect(() => loadYamlData(bomb)).toThrow(new ParseError(`YAML uses more than ${MAX_YAML_ALIASES} aliases`));
  });

  it('refuses nesting past its limit, deep flow brackets included, as the file’s error', () => {
    expect(() => loadYamlData(`a: ${'['.repeat(50)}${']'.repeat(50)}`)).toThrow(/nested more than 32 levels/);
    expect(() => loadYamlData(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(ParseError);
  });

  it('names the line of invalid YAML and never stores part of the file', () => {
    try {
      importJekyllData('- title: ok\n  authors: A\n- title: [unclosed\n', '_data/publist.yml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).line).toBeGreaterThanOrEqual(3);
    }
  });

  it('reads at most MAX_DATA_ENTRIES entries of one file and says so', () => {
    const entries = Array.from({ length: MAX_DATA_ENTRIES + 2 }, (_, i) => `- date: 2022-01-01\n  headline: News ${i}`).join('\n');
    const parsed = importJekyllData(entries, '_data/news.yml');
    expect(parsed.records).toHaveLength(MAX_DATA_ENTRIES);
    expect(parsed.skipped).toEqual([{ reason: `only the first ${MAX_DATA_ENTRIES} of ${MAX_DATA_ENTRIES + 2} entries are read` }]);
  });

  it('reads a map of members keyed by id as well as a list', () => {
    const parsed = importJekyllData('ana:\n  name: Ana Pérez\n  position: Lab manager\nbo:\n  name: Bo Li\n', '_data/people.yml');
    expect(parsed.people?.map((p) => [p.name, p.role, p.sourceKey])).toEqual([
      ['Ana Pérez', 'Lab manager', 'ana-perez'],
      ['Bo Li', null, 'bo-li'],
    ]);
  });
});

describe('kramdown attributes in Markdown bodies', () => {
  it('are markup, not words, and a long run of them stays quick to read', () => {
    const md = '---\ntitle: T\ndate: 2024-01-01\n---\nA paragraph.\n{: .lead #intro}\n\n{:toc}\n';
    expect(importMarkdown(md, '_posts/x.md').records[0]!.summary).toBe('A paragraph.');
    const hostile = `---\ntitle: T\ndate: 2024-01-01\n---\n${'{: '.repeat(200_000)}text`;
    expect(importMarkdown(hostile, '_posts/y.md').records).toHaveLength(1);
  });
});
