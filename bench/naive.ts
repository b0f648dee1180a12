/**
 * The naive reference: what sending a tailored digest costs without the pipeline. For each sampled reader,
 * one after the other: one model call (the same stand-in, the same latency), the digest's MJML filled and
 * compiled for that reader alone, and one new SMTP connection for that one email. Reported per email.
 */
import mjml2html from 'mjml';
import nodemailer from 'nodemailer';
import { Ollama } from 'ollama';
import { loadTemplateSource, type MailBrand } from '../src/mail/template-source.js';
import type { SampledReader } from './bench-db.js';
import { fillNaive, type NaiveScope } from './naive-template.js';

/** Time per email, and where it went. */
export interface NaiveRun {
  emails: number;
  msPerEmail: number;
  llmMsPerEmail: number;
  mjmlMsPerEmail: number;
  smtpMsPerEmail: number;
}

interface Tailoring {
  intro?: string;
  items?: Array<{ id?: number; why?: string; summary?: string }>;
}

function prompt(reader: SampledReader): string {
  const data = {
    language: reader.language,
    topics: reader.topics,
    items: reader.items.map((i) => ({ id: i.id, kind: i.kind, title: i.title, summary: i.summary, needs_summary: true })),
  };
  return `Choose and order the items for this reader, write a short intro and one line per item.\n\n\`\`\`json\n${JSON.stringify(data)}\n\`\`\``;
}

function scopeFor(reader: SampledReader, answer: Tailoring, base: string): NaiveScope {
  const byId = new Map(reader.items.map((i) => [i.id, i]));
  const chosen = (answer.items ?? []).flatMap((a) => {
    const item = typeof a.id === 'number' ? byId.get(a.id) : undefined;
    if (!item) return [];
    return [
      {
        url: item.url ?? '',
        title: item.title,
        meta: true,
        authors: item.authors.join(', '),
        venue: item.venue,
        doi: item.doi,
        doiUrl: item.doi ? `https://doi.org/${item.doi}` : null,
        line: a.why ?? '',
        summary: a.summary ?? item.summary,
        notes: true,
        topics: reader.topics.join(', '),
      } satisfies NaiveScope,
    ];
  });
  const token = encodeURIComponent(reader.email);
  return {
    title: 'Digest',
    preview: answer.intro ?? '',
    greeting: reader.name ? `Hello ${reader.name},` : 'Hello,',
    intro: answer.intro ?? '',
    groups: [{ heading: 'New this month', items: chosen }],
    llm: true,
    preferencesUrl: `${base}/preferences/${token}`,
    unsubscribeUrl: `${base}/unsubscribe/${token}`,
  };
}

/** Runs the naive way for each reader, sequentially, to the given SMTP server and model host. */
export async function runNaive(opts: {
  readers: SampledReader[];
  ollamaHost: string;
  model: string;
  smtpUrl: string;
  from: string;
  publicUrl: string;
  brand: MailBrand;
}): Promise<NaiveRun> {
  const ollama = new Ollama({ host: opts.ollamaHost });
  const sources = { en: await loadTemplateSource('digest', 'mjml', 'en', opts.brand), es: await loadTemplateSource('digest', 'mjml', 'es', opts.brand) };
  let llmMs = 0;
  let mjmlMs = 0;
  let smtpMs = 0;
  const t0 = performance.now();
  for (const reader of opts.readers) {
    let t = performance.now();
    const response = await ollama.chat({ model: opts.model, messages: [{ role: 'user', content: prompt(reader) }], format: 'json', stream: false });
    let answer: Tailoring = {};
    try {
      answer = JSON.parse(response.message.content) as Tailoring;
    } catch {
      // the naive way sends the summaries when the model's answer does not parse
    }
    llmMs += performance.now() - t;

    t = performance.now();
    const { html } = await mjml2html(fillNaive(sources[reader.language], scopeFor(reader, answer, opts.publicUrl)), { validationLevel: 'skip' });
    mjmlMs += performance.now() - t;

    t = performance.now();
    const transport = nodemailer.createTransport({ url: opts.smtpUrl, pool: false });
    try {
      await transport.sendMail({ from: opts.from, to: reader.email, subject: 'Digest', html, text: answer.intro ?? '' });
    } finally {
      transport.close();
    }
    smtpMs += performance.now() - t;
  }
  const ms = performance.now() - t0;
  const n = Math.max(1, opts.readers.length);
  return { emails: opts.readers.length, msPerEmail: ms / n, llmMsPerEmail: llmMs / n, mjmlMsPerEmail: mjmlMs / n, smtpMsPerEmail: smtpMs / n };
}
