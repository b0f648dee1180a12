import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { parseSettings, type Settings } from '../../src/config.js';
import type { Language } from '../../src/i18n/languages.js';
import { ITEM_LIMITS } from '../../src/items/item-limits.js';
import type { MailJob } from '../../src/jobs/mail-job.js';
import { MAX_ITEMS_PER_EMAIL, TEXT_LIMITS } from '../../src/llm/limits.js';
import { type DigestEmailModel, fillDigest, renderDigestProfile } from '../../src/mail/digest-email.js';
import { createMailer } from '../../src/mail/mailer.js';
import { createTemplateCache } from '../../src/mail/template-cache.js';
import { mailProcessor } from '../../workers/mail-worker.js';
import type { TestDkimKey } from '../helpers/dkim-key.js';
import type { ReceivedMessage, TestSmtpServer } from '../helpers/smtp-server.js';
import { item, model } from '../mail/fixtures.js';

/** Every kind of email labdigest sends, as the tests name them; `digest-max` is the largest digest a reader can get. */
export type SampleKind = 'digest' | 'confirm' | 'manage' | 'data-export' | 'digest-max';
export const SAMPLE_LANGUAGES: readonly Language[] = ['en', 'es'];

/** One email as the test SMTP server received it, named by kind and language. */
export interface SampleEmail {
  kind: SampleKind;
  language: Language;
  message: ReceivedMessage;
}

const PUBLIC_URL = 'https://news.lab.example.org';

/** The settings of a lab that sends through the test relay and signs with the test key. */
export function sampleSettings(smtp: TestSmtpServer, key: TestDkimKey): Settings {
  return parseSettings({
    PUBLIC_URL,
    SMTP_URL: smtp.url,
    OUTBOX_DIR: join(mkdtempSync(join(tmpdir(), 'labdigest-deliverability-')), 'outbox'),
    MAIL_FROM: 'Social Data Lab <digest@lab.example.org>',
    MAIL_TRANSACTIONAL_FROM: 'Social Data Lab <no-reply@lab.example.org>',
    ORG_NAME: 'Social Data Lab',
    ORG_POSTAL_ADDRESS: 'Calle de la Universidad 1, 28001 Madrid, Spain',
    CONTACT_EMAIL: 'lab@lab.example.org',
    ...key.settings,
  });
}

/** A month's digest as a reader gets it: every kind of item, with DOI, venue, topics and an external note. */
function typicalDigest(language: Language): DigestEmailModel {
  const es = language === 'es';
  return model({
    language,
    intro: es
      ? 'Este mes publicamos un estudio sobre polarización y empezamos un proyecto sobre redes de desinformación.'
      : 'This month we published a study of polarisation and started a project on misinformation networks.',
    items: [
      item(1, {
        kind: 'publication',
        title: es ? 'Polarización afectiva en redes sociales' : 'Affective polarisation on social media',
        authors: ['Ana García', 'Ben Lee', 'Chiara Rossi'],
        venue: 'Journal of Computational Social Science',
        doi: '10.1007/s42001-026-00042-1',
        line: es ? 'Sigues las elecciones: este estudio compara doce países.' : 'You follow elections: this study compares twelve countries.',
        summary: es
          ? 'Medimos la polarización afectiva en doce países con datos de encuestas y de redes sociales.'
          : 'We measure affective polarisation in twelve countries with survey and social media data.',
        matchedTopics: [es ? 'Elecciones' : 'Elections'],
      }),
      item(2, {
        kind: 'project',
        title: es ? 'Redes de desinformación' : 'Misinformation networks',
        authors: [],
        line: es ? 'Un proyecto nuevo sobre cómo se difunden los bulos.' : 'A new project on how false stories spread.',
        summary: es ? 'Tres años, cuatro universidades, datos abiertos.' : 'Three years, four universities, open data.',
        matchedTopics: [es ? 'Redes' : 'Networks'],
        external: true,
      }),
      item(3, {
        kind: 'news',
        title: es ? 'Seminario de otoño' : 'Autumn seminar series',
        authors: [],
        line: es ? 'Las charlas vuelven en noviembre.' : 'The talks are back in November.',
        summary: es ? 'Cada jueves a las cinco, abiertas a todos.' : 'Every Thursday at five, open to everyone.',
      }),
    ],
  });
}

function longText(seed: string, length: number): string {
  const words = `${seed} measuring polarisation and misinformation across twelve countries with open survey data `;
  return words
    .repeat(Math.ceil(length / words.length))
    .slice(0, length)
    .trimEnd();
}

/**
 * The largest digest a reader can get: as many items as an email carries (MAX_ITEMS_PER_EMAIL: the
 * planner offers up to MAX_CANDIDATES, the model's answer schema and the fallback composer keep at most
 * this many), each with a title at the item limit, the longest summary and line the model may write,
 * more authors than the email shows, a long venue, a DOI and a long link.
 */
export function largestDigest(language: Language): DigestEmailModel {
  const kinds = ['publication', 'project', 'news'] as const;
  return model({
    language,
    intro: longText('Intro', TEXT_LIMITS.intro),
    items: Array.from({ length: MAX_ITEMS_PER_EMAIL }, (_, i) =>
      item(i + 1, {
        kind: kinds[i % kinds.length],
        title: longText(`Title ${i + 1}`, ITEM_LIMITS.title),
        url: `https://lab.example.org/${'research/'.repeat(6)}item-${i + 1}`,
        authors: Array.from({ length: 12 }, (_, a) => `Author Number ${a + 1} Double-Barrelled`),
        venue: longText('Proceedings of the International Conference on', 120),
        doi: `10.1000/labdigest.${i + 1}`,
        line: longText(`Line ${i + 1}`, TEXT_LIMITS.why),
        summary: longText(`Summary ${i + 1}`, TEXT_LIMITS.summary),
        matchedTopics: ['Elections', 'Networks', 'Misinformation'],
        external: i % 2 === 0,
      }),
    ),
  });
}

/**
 * Sends every email labdigest sends, in both languages, through the real code paths: the digest
 * rendered once per profile and filled for the reader (as the send worker does), the transactional
 * emails through the mail worker's processor; all through the mailer with DKIM to the test SMTP server.
 * Returns what the server received. `withLargest` adds the largest digest in each language.
 */
export async function sendSampleEmails(settings: Settings, smtp: TestSmtpServer, opts: { withLargest?: boolean } = {}): Promise<SampleEmail[]> {
  const cache = await createTemplateCache(settings);
  const mailer = createMailer(settings);
  const processMail = mailProcessor({ settings, templates: cache, mailer });
  const expected: Array<{ kind: SampleKind; language: Language; messageId: string }> = [];
  const link = (path: string, language: Language) => `${PUBLIC_URL}/${path}/tok-${language}-0123456789abcdef`;
  const before = smtp.messages.length;
  try {
    for (const language of SAMPLE_LANGUAGES) {
      const reader = { name: 'Ana', preferencesUrl: link('preferences', language), unsubscribeUrl: link('unsubscribe', language) };
      const digests: Array<[SampleKind, DigestEmailModel]> = [['digest', typicalDigest(language)]];
      if (opts.withLargest) digests.push(['digest-max', largestDigest(language)]);
      for (const [kind, digestModel] of digests) {
        const messageId = `<d7.${kind}.${language}@news.lab.example.org>`;
        const email = fillDigest(renderDigestProfile(cache, digestModel), reader);
        await mailer.send({ from: settings.MAIL_FROM, to: 'ana@example.com', messageId, list: { unsubscribeUrl: reader.unsubscribeUrl }, ...email });
        expected.push({ kind, language, messageId });
      }
      const jobs: MailJob[] = [
        { template: 'confirm', to: 'ana@example.com', name: 'Ana', language, confirmUrl: link('confirm', language) },
        { template: 'manage', to: 'ana@example.com', language, ...reader },
        { template: 'data-export', to: 'ana@example.com', name: null, language, exportUrl: link('data', language) },
      ];
      for (const data of jobs) {
        // The mail worker's own processor, with the two fields of a BullMQ job it reads besides the data.
        const job = { id: `${data.template}-${language}`, timestamp: 1_790_000_000_000, data } as unknown as Job<MailJob>;
        const { messageId } = await processMail(job);
        expected.push({ kind: data.template as SampleKind, language, messageId: messageId! });
      }
    }
    const received = (await smtp.waitFor(before + expected.length)).slice(before);
    return expected.map(({ kind, language, messageId }) => {
      const message = received.find((m) => m.parsed.messageId === messageId);
      if (!message) throw new Error(`the SMTP server did not receive ${kind} (${language}) ${messageId}`);
      return { kind, language, message };
    });
  } finally {
    mailer.close();
  }
}

/** "digest (es)": how failure messages name an email. */
export function sampleName(sample: Pick<SampleEmail, 'kind' | 'language'>): string {
  return `${sample.kind} (${sample.language})`;
}
