import type { HealthReport } from '../../health/health-checks.js';
import { format } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import { redactSecrets, type SettingView } from '../../settings/settings-view.js';
import { postForm } from '../console-form.js';
import type { ConsoleStrings } from '../console-strings.js';
import type { ConsoleView } from '../console-view.js';
import { textField } from './fields.js';
import { formatBytes } from './page-parts.js';

interface HealthRow {
  service: string;
  state: 'ok' | 'problem' | 'outbox';
  details: string;
}

/** The health report as rows: service, a state word, and what was found. */
function healthRows(lang: Language, s: ConsoleStrings, h: HealthReport, model: { host: string; name: string }): HealthRow[] {
  const t = s.settings;
  const ollama = h.ollama;
  return [
    {
      service: t.redis,
      state: h.redis.ok ? 'ok' : 'problem',
      details: h.redis.ok ? format(t.redisOk, { version: h.redis.version ?? '?' }) : format(t.redisFailed, { error: h.redis.error ?? '?' }),
    },
    {
      service: t.ollama,
      state: ollama.reachable && ollama.modelPresent ? 'ok' : 'problem',
      details: !ollama.reachable
        ? format(t.ollamaUnreachable, { host: model.host, error: ollama.error ?? '?' })
        : format(ollama.modelPresent ? t.ollamaReady : t.ollamaNoModel, { version: ollama.version ?? '?', host: model.host, model: model.name }),
    },
    h.smtp.mode === 'outbox'
      ? { service: t.smtp, state: 'outbox', details: format(t.smtpOutbox, { dir: h.smtp.dir }) }
      : {
          service: t.smtp,
          state: h.smtp.ok ? 'ok' : 'problem',
          details: h.smtp.ok ? format(t.smtpOk, { host: h.smtp.host }) : format(t.smtpFailed, { host: h.smtp.host, error: h.smtp.error ?? '?' }),
        },
    {
      service: t.database,
      state: h.database.ok ? 'ok' : 'problem',
      details:
        format(t.databaseDetails, {
          path: h.database.path,
          size: formatBytes(lang, h.database.bytes),
          applied: h.database.migrationsApplied,
          known: h.database.migrationsKnown,
        }) + (h.database.error ? ` ${h.database.error}` : ''),
    },
  ];
}

export interface SettingsPageData {
  health: HealthReport;
  settings: SettingView[];
  ollama: { host: string; name: string };
  testAddress: string;
  testError?: string;
  /** Secret values to mask wherever a service's answer quotes them (an address with a password). */
  secrets: readonly string[];
}

/** Settings and health: each service's state, the test email form, and every setting (secrets masked). */
export function settingsBody(view: ConsoleView, s: ConsoleStrings, d: SettingsPageData): SafeHtml {
  const t = s.settings;
  const stateWord = { ok: t.ok, problem: t.problem, outbox: t.outboxMode };
  const rows = healthRows(view.lang, s, d.health, d.ollama).map((r) => ({ ...r, details: redactSecrets(r.details, d.secrets) }));
  return html`<h2 id="health">${t.healthHeading}</h2>
<table class="health">
<caption class="visually-hidden">${t.healthHeading}</caption>
<thead><tr><th scope="col">${t.service}</th><th scope="col">${t.state}</th><th scope="col">${t.details}</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr data-state="${r.state}"><th scope="row">${r.service}</th><td>${r.state === 'problem' ? html`<strong class="flag">${stateWord[r.state]}</strong>` : html`<span class="badge">${stateWord[r.state]}</span>`}</td><td>${r.details}</td></tr>`,
  )}</tbody>
</table>
<p><a href="/admin/settings/preflight">${s.preflight.link}</a></p>
<h2 id="test-email">${t.testHeading}</h2>
<p>${t.testIntro}</p>
${postForm(
  view,
  '/admin/settings/test-email',
  html`${textField({ id: 'to', label: t.testAddress, value: d.testAddress, error: d.testError, type: 'email', required: true, maxLength: 254, autocomplete: 'email' })}
<div><button type="submit">${t.testButton}</button></div>`,
)}
<h2 id="settings">${t.settingsHeading}</h2>
<p class="hint">${t.settingsIntro}</p>
<table class="settings">
<caption class="visually-hidden">${t.settingsHeading}</caption>
<thead><tr><th scope="col">${t.setting}</th><th scope="col">${t.value}</th></tr></thead>
<tbody>${d.settings.map(
    (x) =>
      html`<tr><th scope="row"><code>${x.name}</code></th><td>${x.value === null ? html`<span class="hint">${t.notSet}</span>` : html`<code>${x.value}</code>`}${x.masked ? html` <span class="badge">${t.masked}</span>` : ''}</td></tr>`,
  )}</tbody>
</table>`;
}
