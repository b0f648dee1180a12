import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.js';

const root = new URL('..', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('every setting is documented where a newcomer looks', () => {
  const keys = Object.keys(configSchema.shape);

  it('has a row in the README’s settings table', () => {
    const readme = read('README.md');
    expect(keys.filter((k) => !readme.includes(`| \`${k}\` |`))).toEqual([]);
  });

  it('has a line in .env.example, and .env.example names nothing else', () => {
    const example = read('.env.example');
    const named = [...example.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(keys.filter((k) => !named.includes(k))).toEqual([]);
    expect(named.filter((k) => !keys.includes(k))).toEqual([]);
  });
});
