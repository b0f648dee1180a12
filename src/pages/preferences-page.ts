import type { Language } from '../i18n/languages.js';
import { pageStrings } from '../i18n/page-strings.js';
import { CONSENT_TEXT } from '../subscribers/consent.js';
import { NAME_MAX_LENGTH } from '../subscribers/form-inputs.js';
import type { PreferencesErrors, PreferencesField, PreferencesValues } from '../subscribers/preferences-form.js';
import type { Subscriber } from '../subscribers/subscriber-repository.js';
import type { Topic } from '../topics/topic-repository.js';
import { consentCheckbox, errorSummary, inputField, languageSelect, topicCheckboxes } from './form-fields.js';
import { html } from './html.js';
import { layout } from './layout.js';

/** The preference centre: choices, pause, subscribe again, unsubscribe, download and delete my data. */
export function renderPreferencesPage(opts: {
  lang: Language;
  subscriber: Subscriber;
  topics: Topic[];
  values: PreferencesValues;
  preferencesToken: string;
  unsubscribeToken: string;
  notice?: 'saved' | 'resubscribed';
  errors?: PreferencesErrors;
}): string {
  const t = pageStrings(opts.lang);
  const p = t.preferences;
  const s = opts.subscriber;
  const errors = opts.errors ?? {};
  const msg = (f: PreferencesField | 'consent') => (errors[f] ? t.errors[errors[f]!] : undefined);
  const base = `/preferences/${opts.preferencesToken}`;
  const subscribed = s.status === 'pending' || s.status === 'active';
  const status = p.statuses[s.status] + (subscribed && s.paused ? ` (${p.pausedNote})` : '');
  const body = html`<h1>${p.title}</h1>
${opts.notice ? html`<p role="status"><strong>${opts.notice === 'saved' ? p.saved : p.resubscribed}</strong></p>` : ''}
<dl><dt>${p.email}</dt><dd>${s.email}</dd><dt>${p.status}</dt><dd id="status">${status}</dd></dl>
${errorSummary(
  t.errorSummary,
  (Object.keys(errors) as Array<PreferencesField | 'consent'>).map((f) => ({ field: f, message: t.errors[errors[f]!] })),
)}
${
  subscribed
    ? ''
    : html`<section aria-labelledby="resubscribe-title"><h2 id="resubscribe-title">${p.resubscribeTitle}</h2>
<form method="post" action="${base}/resubscribe">
${consentCheckbox({ legend: t.subscribe.consentLegend, label: t.subscribe.consentLabel, text: CONSENT_TEXT[opts.lang], checked: false, error: msg('consent') })}
<button type="submit">${p.resubscribe}</button>
</form></section>`
}
<form method="post" action="${base}">
${inputField({ id: 'name', type: 'text', label: p.name, value: opts.values.name ?? '', error: msg('name'), maxLength: NAME_MAX_LENGTH, autocomplete: 'name' })}
${languageSelect({ label: p.language, value: opts.values.language, error: msg('language') })}
${topicCheckboxes({ lang: opts.lang, legend: p.topics, hint: p.topicsHint, topics: opts.topics, checked: opts.values.topics, error: msg('topics') })}
<label class="check" for="paused"><input type="checkbox" id="paused" name="paused" value="yes"${opts.values.paused ? html` checked` : ''}> <span>${p.pause}</span></label>
<button type="submit">${p.save}</button>
</form>
${subscribed ? html`<p><a href="/unsubscribe/${opts.unsubscribeToken}">${p.unsubscribeLink}</a></p>` : ''}
<section aria-labelledby="data-title"><h2 id="data-title">${p.dataTitle}</h2>
<form method="post" action="${base}/export"><button type="submit" class="secondary">${p.exportButton}</button></form>
<form method="post" action="${base}/delete"><button type="submit" class="secondary">${p.deleteButton}</button></form>
</section>`;
  return layout({ lang: opts.lang, title: p.title, body });
}
