import { describe, expect, it } from 'vitest';
import { BenchArgsError, parseBenchArgs } from '../../bench/bench-args.js';
import { checkDeliveries } from '../../bench/delivery-check.js';

describe('parseBenchArgs', () => {
  it('uses the issue defaults: 10,000 readers, 40 items, 200 ms per model answer, no JSON file', () => {
    expect(parseBenchArgs([])).toEqual({ subscribers: 10_000, items: 40, llmLatencyMs: 200, json: null });
  });

  it('reads every flag, with thousands separators allowed', () => {
    expect(parseBenchArgs(['--subscribers', '100_000', '--items', '10', '--llm-latency-ms', '0', '--json', 'out.json'])).toEqual({
      subscribers: 100_000,
      items: 10,
      llmLatencyMs: 0,
      json: 'out.json',
    });
    expect(parseBenchArgs(['--subscribers=2,000']).subscribers).toBe(2000);
  });

  it.each([
    [['--subscribers', '200001'], /--subscribers must be between 1 and 200000/],
    [['--subscribers', '0'], /--subscribers must be between 1/],
    [['--items', '501'], /--items must be between 1 and 500/],
    [['--llm-latency-ms', '60001'], /--llm-latency-ms must be between 0 and 60000/],
    [['--subscribers', '1e5'], /--subscribers must be a whole number/],
    [['--subscribers=-5'], /--subscribers must be a whole number/],
    [['--items', '2.5'], /--items must be a whole number/],
    [['--json', ''], /--json needs a file name/],
    [['--readers', '5'], /Unknown option '--readers'/],
    [['5000'], /positional/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe('checkDeliveries', () => {
  it('counts addresses received twice, planned addresses never received, and mail nobody planned', () => {
    const result = checkDeliveries({ 'a@x.org': 1, 'B@x.org': 2, 'c@x.org': 1, 'stray@x.org': 1 }, ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org']);
    expect(result).toEqual({
      expected: 4,
      received: 5,
      duplicates: 1,
      missing: 1,
      unexpected: 1,
      examples: { duplicates: ['b@x.org'], missing: ['d@x.org'], unexpected: ['stray@x.org'] },
    });
  });

  it('sees one email per planned reader as clean, whatever the case of the address', () => {
    const result = checkDeliveries({ 'Reader1@Example.org': 1, 'reader2@example.org': 1 }, ['reader1@example.org', 'READER2@example.org']);
    expect(result).toMatchObject({ expected: 2, received: 2, duplicates: 0, missing: 0, unexpected: 0 });
  });

  it('adds up counts for one address given in two cases (two messages: a duplicate)', () => {
    expect(checkDeliveries({ 'a@x.org': 1, 'A@x.org': 1 }, ['a@x.org'])).toMatchObject({ received: 2, duplicates: 1, missing: 0 });
  });
});
