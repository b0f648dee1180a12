import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ITEMS_PER_EMAIL } from '../../src/llm/limits.js';
import { createDkimKey } from '../helpers/dkim-key.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { hrefs } from '../mail/fixtures.js';
import { type SampleEmail, sampleName, sampleSettings, sendSampleEmails } from './sample-emails.js';

/** Gmail clips a message past about 102 KB; every email stays under 100 KB, whole (both parts, as sent). */
const MAX_BYTES = 100 * 1024;

describe('what every email carries, as the relay received it', () => {
  let smtp: TestSmtpServer;
  let samples: SampleEmail[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    samples = await sendSampleEmails(sampleSettings(smtp, createDkimKey()), smtp, { withLargest: true });
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('has every kind of email, in both languages, including the largest digest', () => {
    expect(samples.map(sampleName).sort()).toEqual(
      ['confirm', 'data-export', 'digest', 'digest-max', 'manage'].flatMap((k) => [`${k} (en)`, `${k} (es)`]).sort(),
    );
    const largest = samples.find((s) => s.kind === 'digest-max')!.message.parsed.html;
    expect(largest.match(/<h3\b/g)).toHaveLength(MAX_ITEMS_PER_EMAIL);
  });

  it('loads nothing from outside: no remote src, no url() in styles, no stylesheet links or imports, no images', () => {
    for (const sample of samples) {
      const { html } = sample.message.parsed;
      const name = sampleName(sample);
      expect(html.length, name).toBeGreaterThan(1000);
      expect(html, name).not.toMatch(/\b(?:src|background|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
      expect(html, name).not.toMatch(/url\s*\(/i);
      expect(html, name).not.toMatch(/@import/i);
      expect(html, name).not.toMatch(/<link\b/i);
      expect(html, name).not.toMatch(/<(?:script|iframe|object|embed|video|audio)\b/i);
      // No image at all today, so no tracking pixel; a configured logo would have to come inline (cid:).
      for (const img of html.match(/<img\b[^>]*>/gi) ?? []) expect(img, name).toMatch(/\bsrc="cid:/i);
    }
  });

  it(`stays under ${MAX_BYTES / 1024} KB, the largest digest too (HTML and the whole message)`, () => {
    for (const sample of samples) {
      const name = sampleName(sample);
      expect(Buffer.byteLength(sample.message.raw), name).toBeLessThan(MAX_BYTES);
      expect(Buffer.byteLength(sample.message.parsed.html), name).toBeLessThan(MAX_BYTES);
    }
  });

  it('repeats every link of the HTML part in the text part', () => {
    for (const sample of samples) {
      const name = sampleName(sample);
      const links = hrefs(sample.message.parsed.html);
      expect(links.length, name).toBeGreaterThanOrEqual(2);
      for (const link of links) {
        // A mailto: link's address is what the text part shows.
        const shown = link.startsWith('mailto:') ? link.slice('mailto:'.length) : link;
        expect(sample.message.parsed.text, `${name}: ${link}`).toContain(shown);
      }
    }
  });

  it('shows the reader a visible unsubscribe link where the headers offer one-click unsubscribe', () => {
    for (const sample of samples.filter((s) => s.kind.startsWith('digest'))) {
      const { headers, html, text } = sample.message.parsed;
      const url = /<(https:[^>]+)>/.exec(headers['list-unsubscribe'] ?? '')?.[1];
      expect(url, sampleName(sample)).toMatch(/^https:\/\/news\.lab\.example\.org\/unsubscribe\//);
      expect(headers['list-unsubscribe-post'], sampleName(sample)).toBe('List-Unsubscribe=One-Click');
      expect(hrefs(html), sampleName(sample)).toContain(url);
      expect(text, sampleName(sample)).toContain(url);
    }
  });
});
