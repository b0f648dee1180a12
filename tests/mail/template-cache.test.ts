import { beforeEach, describe, expect, it, vi } from 'vitest';

// Count every call into the real MJML compiler, whoever makes it.
const compiler = vi.hoisted(() => ({ calls: 0 }));
vi.mock('mjml', async (importOriginal) => {
  const real = (await importOriginal<{ default: (...args: unknown[]) => Promise<unknown> }>()).default;
  return {
    default: (...args: unknown[]) => {
      compiler.calls += 1;
      return real(...args);
    },
  };
});

const { createTemplateCache } = await import('../../src/mail/template-cache.js');
const { TEMPLATE_NAMES } = await import('../../src/mail/template-source.js');
const { LANGUAGES } = await import('../../src/i18n/languages.js');
const { fillDigest, renderDigestProfile } = await import('../../src/mail/digest-email.js');
const { renderTransactional } = await import('../../src/mail/transactional-email.js');
const { item, model } = await import('./fixtures.js');

const brand = { ORG_NAME: 'Social Data Lab', ORG_POSTAL_ADDRESS: '1 University Avenue', CONTACT_EMAIL: 'lab@example.org' };

describe('template cache', () => {
  // Each test counts its own compiler runs, whichever test ran before it.
  beforeEach(() => {
    compiler.calls = 0;
  });

  it('runs MJML once per template and language at start, never per profile or reader', async () => {
    // Counted from here: the other test of this file may run first and compile a template or two.
    const before = compiler.calls;
    const cache = await createTemplateCache(brand);
    // confirm, manage, data-export, digest × every language (8 with English and Spanish)
    expect(compiler.calls - before).toBe(TEMPLATE_NAMES.length * LANGUAGES.length);
    expect(cache.compileCount).toBe(TEMPLATE_NAMES.length * LANGUAGES.length);

    const items = Array.from({ length: 12 }, (_, i) => item(i + 1, { kind: (['publication', 'project', 'news'] as const)[i % 3] }));
    let filled = 0;
    for (let p = 0; p < 20; p++) {
      const profile = renderDigestProfile(cache, model({ items, language: p % 2 ? 'es' : 'en', intro: `Profile ${p}` }));
      for (let r = 0; r < 25; r++) {
        const email = fillDigest(profile, {
          name: `Reader ${r}`,
          preferencesUrl: `https://lab.example.org/preferences/${p}-${r}`,
          unsubscribeUrl: `https://lab.example.org/unsubscribe/${p}-${r}`,
        });
        if (email.html.includes(`/unsubscribe/${p}-${r}"`) && email.text.includes(`Reader ${r}`)) filled += 1;
      }
    }
    for (const language of LANGUAGES) {
      renderTransactional(cache, { template: 'confirm', to: 'a@example.org', name: null, language, confirmUrl: 'https://lab.example.org/confirm/t' });
    }
    expect(filled).toBe(500);
    // 20 profiles, 500 readers and two transactional emails later, MJML still ran only at start.
    expect(compiler.calls - before).toBe(TEMPLATE_NAMES.length * LANGUAGES.length);
    expect(cache.compileCount).toBe(TEMPLATE_NAMES.length * LANGUAGES.length);
  });

  it('stops at start with the template and key when a string is missing', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { EMAILS_DIR } = await import('../../src/mail/template-source.js');
    const dir = mkdtempSync(join(tmpdir(), 'labdigest-emails-'));
    for (const f of [
      'layout.mjml',
      'layout.txt',
      'confirm.mjml',
      'confirm.txt',
      'data-export.mjml',
      'data-export.txt',
      'digest.mjml',
      'digest.txt',
      'manage.txt',
    ]) {
      writeFileSync(join(dir, f), readFileSync(join(EMAILS_DIR, f)));
    }
    writeFileSync(join(dir, 'manage.mjml'), readFileSync(join(EMAILS_DIR, 'manage.mjml'), 'utf8').replace('[[manage.body]]', '[[manage.nope]]'));
    await expect(createTemplateCache(brand, { dir })).rejects.toThrow(/manage\.mjml: no string "manage\.nope" in en/);
  });
});
