import { format } from '../i18n/format.js';
import type { MailJob } from '../jobs/mail-job.js';
import { readerUrl } from './digest-email.js';
import { escapeForHtml, escapeForText, tidyText } from './escape.js';
import { greeting } from './greeting.js';
import { fillSegments, renderParts, type Scope } from './placeholders.js';
import type { TemplateCache } from './template-cache.js';

/** A rendered email, ready for the mailer. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders a confirm, manage or data-export email for one recipient from the compiled templates (no MJML here). */
export function renderTransactional(cache: TemplateCache, job: MailJob): RenderedEmail {
  // Rendered by the owner already (src/review): sent as it is.
  if (job.template === 'prepared') return { subject: job.subject, html: job.html, text: job.text };
  const strings = cache.strings(job.language);
  const org = cache.brand.ORG_NAME;
  const t = cache.get(job.template, job.language);
  let scope: Scope;
  let subject: string;
  if (job.template === 'confirm') {
    subject = format(strings.confirm.subject, { org });
    scope = {
      preview: format(strings.confirm.preview, { org }),
      confirmUrl: readerUrl(job.confirmUrl, 'confirmUrl'),
      listLinks: false,
    };
  } else if (job.template === 'data-export') {
    subject = format(strings.dataExport.subject, { org });
    scope = {
      preview: strings.dataExport.preview,
      exportUrl: readerUrl(job.exportUrl, 'exportUrl'),
      listLinks: false,
    };
  } else {
    subject = format(strings.manage.subject, { org });
    scope = {
      preview: strings.manage.preview,
      preferencesUrl: readerUrl(job.preferencesUrl, 'preferencesUrl'),
      unsubscribeUrl: readerUrl(job.unsubscribeUrl, 'unsubscribeUrl'),
      listLinks: true,
    };
  }
  const full: Scope = { ...scope, title: subject, greeting: greeting(strings, job.name) };
  const fill = (parts: typeof t.html, escapeValue: (v: string) => string) => fillSegments(renderParts(parts, full, escapeValue), {}, escapeValue);
  return {
    subject,
    html: fill(t.html, escapeForHtml),
    text: tidyText(fill(t.text, escapeForText)),
  };
}
