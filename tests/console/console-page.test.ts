import { describe, expect, it } from 'vitest';
import { consolePage } from '../../src/console/console-page.js';
import { html } from '../../src/pages/html.js';

const view = (query: string) => ({
  user: { id: 1, email: 'ada@example.org', name: null, role: 'admin' as const },
  lang: 'en' as const,
  csrfToken: 'token-1',
  path: '/admin/digests/3/preview',
  query,
});

describe('the console page frame', () => {
  it('switches language on the same page, keeping its query but not a notice or a token', () => {
    const page = consolePage(view('subscriber=12&done=sent&_csrf=abc&lang=en'), { title: 'Preview', body: html`<p>x</p>`, org: 'Lab' });
    expect(page).toContain('href="/admin/digests/3/preview?subscriber=12&amp;lang=es"');
    expect(page).toContain('href="/admin/digests/3/preview?subscriber=12&amp;lang=en"');
    expect(page).not.toContain('abc');
  });

  it('offers the admin areas only to admins, and marks the current one', () => {
    const admin = consolePage(view(''), { title: 'Digests', body: html``, org: 'Lab', area: 'digests' });
    expect(admin).toContain('<a href="/admin/users">');
    expect(admin).toContain('<a href="/admin/digests" aria-current="page">');
    const editor = consolePage({ ...view(''), user: { ...view('').user, role: 'editor' } }, { title: 'Digests', body: html``, org: 'Lab' });
    expect(editor).not.toContain('/admin/users');
    expect(editor).not.toContain('/admin/settings');
  });
});
