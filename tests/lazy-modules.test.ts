import { describe, expect, it } from 'vitest';
import { lazy } from '../src/lazy.js';
import { runtimeGraph } from './helpers/runtime-graph.js';

// Packages the API process needs only for some requests or settings: each is loaded on its first use.
const ON_FIRST_USE = ['mjml', 'imapflow', 'postal-mime', 'mailauth', 'yaml', 'js-yaml', 'fast-xml-parser', 'marked', '@node-rs/argon2', 'franc'];

describe('modules loaded on first use', () => {
  it('the API process starts without MJML, the importers, argon2, preflight, the bounce mailbox or franc', () => {
    const { packages } = runtimeGraph('bin/start.ts', 'src/context.ts', 'src/server.ts');
    expect(ON_FIRST_USE.filter((p) => packages.has(p))).toEqual([]);
    expect(packages).toContain('fastify');
  });

  it('a worker sends without MJML or franc: its templates compile in a passing thread, and franc checks the model in the compose thread', () => {
    const { packages } = runtimeGraph('bin/start.ts', 'workers/start.ts');
    expect(ON_FIRST_USE.filter((p) => packages.has(p))).toEqual([]);
    expect([...packages].filter((p) => p === 'fastify' || p.startsWith('@fastify/'))).toEqual([]);
    const compose = runtimeGraph('workers/compose-thread.ts');
    expect(ON_FIRST_USE.filter((p) => compose.packages.has(p))).toEqual(['franc']);
    expect(compose.files).toContain('workers/compose-worker.ts');
    // MJML is imported on first use by the template cache: only the template thread compiles.
    expect(runtimeGraph('workers/template-thread.ts').files).toContain('src/mail/template-cache.ts');
  });

  it('a lazy module is loaded once, by its first use', async () => {
    let loads = 0;
    const load = lazy(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([load(), load()]);
    expect(await load()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });
});
