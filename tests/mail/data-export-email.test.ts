import { describe, expect, it } from 'vitest';
import { createTemplateCache } from '../../src/mail/template-cache.js';
import { renderTransactional } from '../../src/mail/transactional-email.js';
import { hrefs, visibleText } from './fixtures.js';

const brand = { ORG_NAME: 'Social Data Lab', ORG_POSTAL_ADDRESS: '1 University Avenue', CONTACT_EMAIL: 'lab@example.org' };
const url = 'https://lab.example.org/data/export.g.abc123.sig_-x';

describe('the data-export email', () => {
  it('renders in English and Spanish through the compiled templates, with the link and no list links', async () => {
    const cache = await createTemplateCache(brand);
    const en = renderTransactional(cache, { template: 'data-export', to: 'a@example.org', name: null, language: 'en', exportUrl: url });
    expect(en.subject).toBe('Your data held by Social Data Lab');
    expect(hrefs(en.html)).toContain(url);
    expect(hrefs(en.html).filter((h) => h.includes('/preferences/') || h.includes('/unsubscribe/'))).toEqual([]);
    expect(visibleText(en.html)).toContain('Hello,');
    expect(visibleText(en.html)).toContain('This link works for 24 hours.');
    expect(en.text).toContain(`Download my data: ${url}`);
    expect(en.text).toContain('please do not forward this email');

    const es = renderTransactional(cache, { template: 'data-export', to: 'a@example.org', name: null, language: 'es', exportUrl: url });
    expect(es.subject).toBe('Tus datos en Social Data Lab');
    expect(hrefs(es.html)).toContain(url);
    expect(visibleText(es.html)).toContain('Este enlace funciona durante 24 horas.');
    expect(es.text).toContain(`Descargar mis datos: ${url}`);
    expect(es.text).toContain('Hola:');
  });
});
