import { format } from '../../i18n/format.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../i18n/languages.js';
import { html, type SafeHtml } from '../../pages/html.js';
import type { Topic } from '../../topics/topic-repository.js';
import { topicLabel } from '../../topics/topic-schema.js';
import { postForm } from '../console-form.js';
import type { ConsoleStrings } from '../console-strings.js';
import type { ConsoleView } from '../console-view.js';
import { errorList, textField } from './fields.js';
import { languageName } from './page-parts.js';

/** A topic form's fields as typed (for showing the form again) and their errors by field id. */
export interface TopicFormState {
  values: { slug: string; labels: Partial<Record<Language, string>> };
  errors: Record<string, string>;
}

export const EMPTY_TOPIC_FORM: TopicFormState = { values: { slug: '', labels: {} }, errors: {} };

/** The id (and form name) of a label's input. */
export const labelField = (l: Language) => `label-${l}`;

function labelInputs(s: ConsoleStrings, state: TopicFormState): SafeHtml[] {
  const t = s.topics;
  return LANGUAGES.map((l) =>
    textField({
      id: labelField(l),
      label: format(t.labelIn, { language: languageName(l) }),
      value: state.values.labels[l] ?? '',
      hint: l === DEFAULT_LANGUAGE ? t.labelRequired : t.labelOptional,
      error: state.errors[labelField(l)],
      required: l === DEFAULT_LANGUAGE,
      maxLength: 80,
      lang: l,
    }),
  );
}

function errorsOf(s: ConsoleStrings, state: TopicFormState): SafeHtml | '' {
  return errorList(
    s.topics.fixErrors,
    Object.entries(state.errors).map(([field, message]) => ({ field, message })),
  );
}

/** A small form with one button that posts an action on a topic; the label follows the verb for screen readers. */
function rowAction(view: ConsoleView, action: string, verb: string, label: string, fields: SafeHtml | '' = '', className = 'link'): SafeHtml {
  return postForm(view, action, html`${fields}<button type="submit" class="${className}">${verb}<span class="visually-hidden"> ${label}</span></button>`, {
    className: 'inline',
  });
}

function topicRow(view: ConsoleView, s: ConsoleStrings, topic: Topic, index: number, count: number, manage: boolean): SafeHtml {
  const t = s.topics;
  const label = topicLabel(topic, view.lang);
  const base = `/admin/topics/${topic.id}`;
  const actions = manage
    ? html`<td><div class="actions">
${index > 0 ? rowAction(view, `${base}/move`, t.moveUp, label, html`<input type="hidden" name="direction" value="up">`) : ''}
${index < count - 1 ? rowAction(view, `${base}/move`, t.moveDown, label, html`<input type="hidden" name="direction" value="down">`) : ''}
${rowAction(view, `${base}/visibility`, topic.hidden ? t.show : t.hide, label, html`<input type="hidden" name="hidden" value="${topic.hidden ? 'no' : 'yes'}">`)}
<a href="${base}/edit">${t.edit}<span class="visually-hidden"> ${label}</span></a>
<a href="${base}/delete">${t.delete}<span class="visually-hidden"> ${label}</span></a>
</div></td>`
    : '';
  return html`<tr>
<td class="num">${index + 1}</td>
<th scope="row"><code>${topic.slug}</code></th>
${LANGUAGES.map((l) => html`<td lang="${l}">${topic.labels[l] ?? ''}</td>`)}
<td>${topic.hidden ? html`<span class="badge">${t.hidden}</span>` : t.shown}</td>
${actions}
</tr>`;
}

/** The topic list in form order; for admins, the row actions and the form that adds a topic. */
export function topicsBody(view: ConsoleView, s: ConsoleStrings, topics: Topic[], manage: boolean, form: TopicFormState = EMPTY_TOPIC_FORM): SafeHtml {
  const t = s.topics;
  const table =
    topics.length === 0
      ? html`<p>${t.noTopics}</p>`
      : html`<table>
<caption>${t.listCaption}</caption>
<thead><tr><th scope="col" class="num">${t.position}</th><th scope="col">${t.slug}</th>${LANGUAGES.map(
          (l) => html`<th scope="col">${format(t.labelIn, { language: languageName(l) })}</th>`,
        )}<th scope="col">${t.onForm}</th>${manage ? html`<th scope="col">${t.actions}</th>` : ''}</tr></thead>
<tbody>${topics.map((topic, i) => topicRow(view, s, topic, i, topics.length, manage))}</tbody>
</table>`;
  const create = manage
    ? html`<h2 id="create">${t.createHeading}</h2>
${errorsOf(s, form)}
${postForm(
  view,
  '/admin/topics',
  html`${textField({ id: 'slug', label: t.slug, value: form.values.slug, hint: t.slugHint, error: form.errors.slug, required: true, maxLength: 64 })}
${labelInputs(s, form)}
<div><button type="submit">${t.create}</button></div>`,
)}`
    : html`<p class="hint">${t.viewOnly}</p>`;
  return html`<p>${t.intro}</p>
${table}
${create}`;
}

/** The form that edits a topic's labels (the slug stays: readers' links and imports name it). */
export function topicEditBody(view: ConsoleView, s: ConsoleStrings, topic: Topic, form: TopicFormState): SafeHtml {
  return html`${errorsOf(s, form)}
${postForm(
  view,
  `/admin/topics/${topic.id}`,
  html`${labelInputs(s, form)}
<div class="actions"><button type="submit">${s.shell.save}</button> <a href="/admin/topics">${s.shell.cancel}</a></div>`,
)}`;
}

/** The confirmation step of deleting a topic: who loses it, and the alternative (hiding it). */
export function topicDeleteBody(view: ConsoleView, s: ConsoleStrings, topic: Topic, usage: { readers: number; items: number }): SafeHtml {
  const t = s.topics;
  return html`<p>${format(t.deleteUsage, usage)}</p>
<p>${t.deleteExplain}</p>
${postForm(
  view,
  `/admin/topics/${topic.id}/delete`,
  html`<input type="hidden" name="confirm" value="yes"><div class="actions"><button type="submit" class="danger">${t.deleteButton}</button> <a href="/admin/topics">${s.shell.cancel}</a></div>`,
)}`;
}
