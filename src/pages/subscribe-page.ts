import type { Language } from '../i18n/languages.js';
import { pageStrings } from '../i18n/page-strings.js';
import { CONSENT_TEXT, DEFAULT_FORM_ID } from '../subscribers/consent.js';
import { HONEYPOT_FIELD, NAME_MAX_LENGTH } from '../subscribers/form-inputs.js';
import type { SubscribeErrors, SubscribeField, SubscribeValues } from '../subscribers/subscribe-form.js';
import { MAX_EMAIL_LENGTH } from '../subscribers/email-address.js';
import type { Topic } from '../topics/topic-repository.js';
import { consentCheckbox, errorSummary, honeypotField, inputField, languageSelect, topicCheckboxes } from './form-fields.js';
import { html } from './html.js';
import { layout } from './layout.js';

// The honeypot and form-id errors point at no visible field, so the summary links to the form itself.
const FIELD_ANCHORS: Record<SubscribeField, string> = {
  email: 'email',
  name: 'name',
  language: 'language',
  topics: 'topics',
  consent: 'consent',
  website: 'subscribe-form',
  form: 'subscribe-form',
};

/** The signup form, empty or filled again with the reader's values and the errors to fix. */
export function renderSubscribePage(opts: {
  lang: Language;
  publicUrl: string;
  topics: Topic[];
  values?: SubscribeValues;
  errors?: SubscribeErrors;
  form?: string | null;
}): string {
  const t = pageStrings(opts.lang);
  const s = t.subscribe;
  const v: SubscribeValues = opts.values ?? { email: '', name: '', language: opts.lang, topics: [], consent: false };
  const errors = opts.errors ?? {};
  const msg = (f: SubscribeField) => (errors[f] ? t.errors[errors[f]!] : undefined);
  const summary = (Object.keys(errors) as SubscribeField[]).map((f) => ({ field: FIELD_ANCHORS[f], message: t.errors[errors[f]!] }));
  // Absolute, so a copy of the form embedded on another site still posts here; ?lang keeps the page language.
  const action = `${opts.publicUrl}/subscribe?lang=${opts.lang}`;
  const body = html`<h1>${s.title}</h1>
<p>${s.intro}</p>
${errorSummary(t.errorSummary, summary)}
<form id="subscribe-form" method="post" action="${action}" accept-charset="utf-8">
<input type="hidden" name="form" value="${opts.form ?? DEFAULT_FORM_ID}">
${inputField({ id: 'email', type: 'email', label: s.email, value: v.email, hint: s.emailHint, error: msg('email'), required: true, maxLength: MAX_EMAIL_LENGTH, autocomplete: 'email' })}
${inputField({ id: 'name', type: 'text', label: s.name, value: v.name, error: msg('name'), maxLength: NAME_MAX_LENGTH, autocomplete: 'name' })}
${languageSelect({ label: s.language, value: v.language, error: msg('language') })}
${topicCheckboxes({ lang: opts.lang, legend: s.topics, hint: s.topicsHint, topics: opts.topics, checked: v.topics, error: msg('topics') })}
${consentCheckbox({ legend: s.consentLegend, label: s.consentLabel, text: CONSENT_TEXT[opts.lang], checked: v.consent, error: msg('consent') })}
${honeypotField(HONEYPOT_FIELD, s.honeypot)}
<button type="submit">${s.submit}</button>
</form>`;
  return layout({ lang: opts.lang, title: s.title, body, langSwitch: '/subscribe' });
}
