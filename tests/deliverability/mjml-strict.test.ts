import mjml2html from 'mjml';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { loadTemplateSource, TEMPLATE_NAMES } from '../../src/mail/template-source.js';

const brand = { ORG_NAME: 'Social Data Lab & Friends', ORG_POSTAL_ADDRESS: 'Calle <Mayor> 1, Madrid', CONTACT_EMAIL: 'lab@lab.example.org' };

describe("MJML's strict validation", () => {
  it('passes for every template in every language, as the template cache assembles them', async () => {
    expect(TEMPLATE_NAMES).toEqual(expect.arrayContaining(['digest', 'confirm', 'manage', 'data-export']));
    for (const language of LANGUAGES) {
      for (const name of TEMPLATE_NAMES) {
        const source = await loadTemplateSource(name, 'mjml', language, brand);
        // 'strict' throws on the first invalid template; the errors list says why.
        const result = await mjml2html(source, { validationLevel: 'strict', keepComments: true }).catch((err: { errors?: unknown[] }) => ({
          errors: err.errors ?? [err],
          html: '',
        }));
        expect(result.errors, `${name}.mjml (${language})`).toEqual([]);
        expect(result.html, `${name}.mjml (${language})`).toContain(`lang="${language}"`);
      }
    }
  });

  it('would refuse a template with an unknown attribute (the check is not a no-op)', async () => {
    const source = (await loadTemplateSource('confirm', 'mjml', 'en', brand)).replace('<mj-column>', '<mj-column not-an-attribute="1">');
    await expect(mjml2html(source, { validationLevel: 'strict' })).rejects.toMatchObject({ errors: [expect.objectContaining({ tagName: 'mj-column' })] });
  });
});
