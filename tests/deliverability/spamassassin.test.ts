import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDkimKey } from '../helpers/dkim-key.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { type SpamScore, spamScores } from '../helpers/spamassassin.js';
import { type SampleEmail, sampleName, sampleSettings, sendSampleEmails } from './sample-emails.js';

/** Well under SpamAssassin's 5.0: a lab's mail should trip nothing that carries points. */
const MAX_SCORE = 0.5;

describe("SpamAssassin's local rules on every email", () => {
  let smtp: TestSmtpServer;
  let samples: SampleEmail[];
  let scores: SpamScore[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    samples = await sendSampleEmails(sampleSettings(smtp, createDkimKey()), smtp);
    scores = await spamScores(samples.map((s) => s.message.raw));
  }, 120_000);
  afterAll(async () => {
    await smtp.close();
  });

  it(`scores every template in both languages below ${MAX_SCORE}`, () => {
    expect(samples.map((s) => s.kind).sort()).toEqual(['confirm', 'confirm', 'data-export', 'data-export', 'digest', 'digest', 'manage', 'manage']);
    for (const [i, sample] of samples.entries()) {
      const { score, status } = scores[i]!;
      expect(score, `${sampleName(sample)}: ${status}`).toBeLessThan(MAX_SCORE);
    }
  });

  it('finds no text coloured like its background (HTML_FONT_LOW_CONTRAST) and no invisible text', () => {
    for (const [i, sample] of samples.entries()) {
      const rules = Object.keys(scores[i]!.rules);
      expect(rules, sampleName(sample)).not.toContain('HTML_FONT_LOW_CONTRAST');
      expect(rules, sampleName(sample)).not.toContain('HTML_FONT_INVISIBLE');
    }
  });
});
