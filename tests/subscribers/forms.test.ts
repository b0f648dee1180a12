import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsOf } from '../../src/subscribers/form-errors.js';
import { manageFormSchema, unsubscribeFormSchema } from '../../src/subscribers/link-forms.js';
import { deleteFormSchema, preferencesFormSchema, preferencesFormValues, resubscribeFormSchema } from '../../src/subscribers/preferences-form.js';
import { subscribeFormSchema, subscribeFormValues } from '../../src/subscribers/subscribe-form.js';

const KNOWN = new Set(['networks', 'elections']);
const topicsExist = (slugs: readonly string[]) => slugs.every((s) => KNOWN.has(s));
const subscribe = subscribeFormSchema(topicsExist);
const preferences = preferencesFormSchema(topicsExist);

/** The field errors a schema reports for a body, or the parsed form. */
function check<T extends z.ZodType>(schema: T, body: unknown): { errors: Record<string, string> } | { value: z.output<T> } {
  const result = schema.safeParse(body);
  return result.success ? { value: result.data } : { errors: fieldErrorsOf(result.error.issues) as Record<string, string> };
}

const valid = { email: ' Ann@Example.ORG ', consent: 'yes' };

describe('the signup form', () => {
  it('normalises a valid form: address, trimmed name, distinct topics, no form id', () => {
    expect(check(subscribe, { ...valid, name: '  Ann  ', language: 'es', topics: ['networks', 'networks', 'elections'] })).toEqual({
      value: { email: 'ann@example.org', name: 'Ann', language: 'es', topics: ['networks', 'elections'], consent: true, form: null },
    });
  });

  it('takes the quirks of HTML forms and JSON alike', () => {
    // One checked box arrives as a string; untouched controls as empty strings; JSON may say null or true.
    expect(check(subscribe, { ...valid, topics: 'networks', name: '', language: '', website: '', form: '' })).toEqual({
      value: { email: 'ann@example.org', name: null, language: undefined, topics: ['networks'], consent: true, website: undefined, form: null },
    });
    expect(check(subscribe, { email: 'a@b.example', consent: true, name: null, topics: null, website: null, form: 'lab-site_2' })).toMatchObject({
      value: { name: null, topics: [], form: 'lab-site_2' },
    });
    for (const consent of ['yes', 'on', 'true', '1', 'YES', true]) expect(check(subscribe, { ...valid, consent })).toHaveProperty('value');
    expect(check(subscribe, { ...valid, topics: '' })).toMatchObject({ value: { topics: [] } });
  });

  it('reports one code per field, in the fields’ order', () => {
    const result = check(subscribe, { email: 'Ann@', name: 'Eve\r\n', language: 'fr', topics: ['astrology'], consent: 'no', website: 'x', form: 'bad id!' });
    expect(result).toEqual({
      errors: {
        email: 'email_invalid',
        name: 'name_invalid',
        language: 'language_invalid',
        topics: 'topics_unknown',
        consent: 'consent_required',
        website: 'honeypot',
        form: 'form_invalid',
      },
    });
    expect(Object.keys((result as { errors: object }).errors)).toEqual(['email', 'name', 'language', 'topics', 'consent', 'website', 'form']);
  });

  const cases: Array<[string, Record<string, unknown>, Record<string, string>]> = [
    ['no email', { consent: true }, { email: 'email_required' }],
    ['a blank email', { email: '   ', consent: true }, { email: 'email_required' }],
    ['an email that is not a string', { email: ['a@b.example'], consent: true }, { email: 'email_required' }],
    ['CR/LF in the email', { email: 'a@b.example\r\nBcc: x@y.example', consent: true }, { email: 'email_invalid' }],
    ['an overlong email', { email: `${'a'.repeat(243)}@example.org`, consent: true }, { email: 'email_too_long' }],
    ['an overlong malformed email', { email: 'x'.repeat(300), consent: true }, { email: 'email_too_long' }],
    ['a control character in the name', { ...valid, name: 'Eve\u0007' }, { name: 'name_invalid' }],
    ['a name that is not a string', { ...valid, name: 42 }, { name: 'name_invalid' }],
    ['a name over 100 characters', { ...valid, name: 'x'.repeat(101) }, { name: 'name_too_long' }],
    ['a language given as null', { ...valid, language: null }, { language: 'language_invalid' }],
    ['a topic that is not a string', { ...valid, topics: [1] }, { topics: 'topics_unknown' }],
    ['more than 100 topics', { ...valid, topics: Array.from({ length: 101 }, () => 'networks') }, { topics: 'topics_unknown' }],
    ['no consent', { email: 'a@b.example' }, { consent: 'consent_required' }],
    ['consent refused', { email: 'a@b.example', consent: false }, { consent: 'consent_required' }],
    ['a filled honeypot', { ...valid, website: 'http://spam.example' }, { website: 'honeypot' }],
    ['a form id given as null', { ...valid, form: null }, { form: 'form_invalid' }],
  ];
  for (const [label, body, errors] of cases) {
    it(`rejects ${label}`, () => {
      expect(check(subscribe, body)).toEqual({ errors });
    });
  }

  it('keeps a 100-character name (trimmed) and a 254-character address', () => {
    expect(check(subscribe, { ...valid, name: ` ${'x'.repeat(100)} ` })).toMatchObject({ value: { name: 'x'.repeat(100) } });
    expect(check(subscribe, { ...valid, email: `${'a'.repeat(242)}@example.org` })).toHaveProperty('value');
  });

  it('treats a body that is not an object as an empty form', () => {
    for (const body of [null, undefined, [], 'email=a@b.example']) {
      expect(check(subscribe, body)).toEqual({ errors: { email: 'email_required', consent: 'consent_required' } });
    }
  });

  it('asks the database only about well-formed topic lists', () => {
    const asked: string[][] = [];
    const schema = subscribeFormSchema((slugs) => {
      asked.push([...slugs]);
      return true;
    });
    schema.safeParse({ ...valid, topics: ['b', 'a', 'b'] });
    schema.safeParse({ ...valid, topics: [1, 2] });
    expect(asked).toEqual([['b', 'a']]);
  });

  it('keeps what was typed to fill the form again', () => {
    expect(subscribeFormValues({ email: 'Ann@', name: 'Ann <b>', topics: 'elections', consent: 'on' }, 'es')).toEqual({
      email: 'Ann@',
      name: 'Ann <b>',
      language: 'es',
      topics: ['elections'],
      consent: true,
    });
    expect(subscribeFormValues({ email: 'x'.repeat(400), topics: ['a', 3], language: 'fr' }, 'en')).toEqual({
      email: 'x'.repeat(300),
      name: '',
      language: 'fr',
      topics: ['a'],
      consent: false,
    });
    expect(subscribeFormValues('nonsense', 'en')).toEqual({ email: '', name: '', language: 'en', topics: [], consent: false });
  });

  it('documents the body for OpenAPI with the real field types', () => {
    const doc = z.toJSONSchema(subscribe, { io: 'input' }) as { properties: Record<string, { type?: unknown; enum?: unknown }>; required: string[] };
    expect(Object.keys(doc.properties)).toEqual(['email', 'name', 'language', 'topics', 'consent', 'website', 'form']);
    expect(doc.required).toEqual(['email', 'consent']);
    expect(doc.properties.email!.type).toBe('string');
    expect(doc.properties.language!.enum).toEqual(['en', 'es']);
  });
});

describe('the preference centre’s forms', () => {
  it('reads the choices; a missing language keeps the current one; pause is a tick', () => {
    expect(check(preferences, { name: ' Pat ', language: 'es', topics: 'networks', paused: 'yes' })).toEqual({
      value: { name: 'Pat', language: 'es', topics: ['networks'], paused: true },
    });
    expect(check(preferences, { name: '' })).toEqual({ value: { name: null, language: undefined, topics: [], paused: false } });
    expect(check(preferences, {})).toEqual({ value: { name: null, language: undefined, topics: [], paused: false } });
    for (const paused of ['maybe', 5, null]) expect(check(preferences, { paused })).toMatchObject({ value: { paused: false } });
  });

  it('reports bad choices per field', () => {
    expect(check(preferences, { name: 'Pat\r\nBcc: x@example.org', language: 'de', topics: ['astrology'] })).toEqual({
      errors: { name: 'name_invalid', language: 'language_invalid', topics: 'topics_unknown' },
    });
    expect(check(preferences, { name: 'x'.repeat(101) })).toEqual({ errors: { name: 'name_too_long' } });
    // On this page an empty language is not "absent": the select always sends one.
    expect(check(preferences, { language: '' })).toEqual({ errors: { language: 'language_invalid' } });
  });

  it('shows rejected choices again as typed', () => {
    expect(preferencesFormValues({ name: '  Pat  ', language: 'de', topics: ['networks', 'astrology'], paused: 'on' }, 'es')).toEqual({
      name: 'Pat',
      language: 'es',
      topics: ['networks', 'astrology'],
      paused: true,
    });
  });

  it('asks for consent before subscribing again', () => {
    expect(check(resubscribeFormSchema, {})).toEqual({ errors: { consent: 'consent_required' } });
    expect(check(resubscribeFormSchema, { consent: 'yes' })).toEqual({ value: { consent: true } });
  });

  it('erases only with a ticked confirm, and never fails', () => {
    expect(check(deleteFormSchema, { confirm: 'yes' })).toEqual({ value: { confirm: true } });
    for (const body of [undefined, {}, { confirm: 'no' }, { confirm: ['yes'] }, 'confirm=yes']) {
      expect(check(deleteFormSchema, body)).toEqual({ value: { confirm: false } });
    }
  });
});

describe('the link forms', () => {
  it('checks the address of a manage request', () => {
    expect(check(manageFormSchema, { email: 'Bo@Example.net' })).toEqual({ value: { email: 'bo@example.net' } });
    expect(check(manageFormSchema, { email: 'nobody' })).toEqual({ errors: { email: 'email_invalid' } });
    expect(check(manageFormSchema, {})).toEqual({ errors: { email: 'email_required' } });
  });

  it('tells a one-click unsubscribe from the button, whatever else comes', () => {
    expect(check(unsubscribeFormSchema, { 'List-Unsubscribe': 'One-Click' })).toEqual({ value: { oneClick: true } });
    for (const body of [undefined, {}, { confirm: 'yes' }, { 'List-Unsubscribe': 'one-click' }, { 'List-Unsubscribe': 5 }, 'List-Unsubscribe=One-Click']) {
      expect(check(unsubscribeFormSchema, body)).toEqual({ value: { oneClick: false } });
    }
  });
});
