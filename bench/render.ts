/**
 * How fast the mail layer renders: MJML compile time at start, then per profile (render once) and per
 * reader (fill) for a 12-item digest. `npm run bench`. For comparison it also times one MJML run,
 * which is what a per-recipient render would cost.
 */
import mjml2html from 'mjml';
import { fillDigest, renderDigestProfile, type DigestEmailItem, type DigestEmailModel } from '../src/mail/digest-email.js';
import { createTemplateCache } from '../src/mail/template-cache.js';
import { loadTemplateSource } from '../src/mail/template-source.js';

const brand = {
  ORG_NAME: 'Computational Social Science Lab',
  ORG_POSTAL_ADDRESS: '1 University Avenue, 28000 Madrid, Spain',
  CONTACT_EMAIL: 'lab@example.org',
};
const KINDS = ['publication', 'project', 'news'] as const;

function items(n: number, salt: number): DigestEmailItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    kind: KINDS[i % 3]!,
    title: `Item ${i + 1}: polarisation, networks and elections in ${salt} countries`,
    url: `https://lab.example.org/items/${i + 1}`,
    authors: ['Ana García', 'Ben Lee', 'Chen Wei', 'Dana Cohen'],
    venue: i % 3 === 0 ? 'Journal of Computational Social Science' : null,
    doi: i % 3 === 0 ? `10.1000/jcss.${i}` : null,
    summary: 'We study how information spreads across online networks during election campaigns, using data from twelve countries. '.repeat(2),
    line: `Because you follow elections and networks (profile ${salt}).`,
    matchedTopics: ['Elections', 'Networks'],
    external: i % 4 === 0,
  }));
}

const ms = (t0: number) => performance.now() - t0;

const t0 = performance.now();
const cache = await createTemplateCache(brand);
const compileMs = ms(t0);

const PROFILES = 200;
const READERS = 20_000;
const models: DigestEmailModel[] = Array.from({ length: PROFILES }, (_, p) => ({
  language: p % 2 ? 'es' : 'en',
  period: '2026-11',
  intro: `This month brings twelve new items on the topics you follow (profile ${p}).`,
  items: items(12, p),
  composedWith: p % 5 ? 'llm' : 'fallback',
}));

// Warm up the JIT so the timed loops measure steady state.
for (const m of models.slice(0, 20))
  fillDigest(renderDigestProfile(cache, m), { name: 'W', preferencesUrl: 'https://x.org/p', unsubscribeUrl: 'https://x.org/u' });

let t = performance.now();
const profiles = models.map((m) => renderDigestProfile(cache, m));
const renderMs = ms(t);

let bytes = 0;
t = performance.now();
for (let r = 0; r < READERS; r++) {
  const email = fillDigest(profiles[r % PROFILES]!, {
    name: r % 7 ? `Reader ${r}` : null,
    preferencesUrl: `https://lab.example.org/preferences/tok-${r}`,
    unsubscribeUrl: `https://lab.example.org/unsubscribe/tok-${r}`,
  });
  bytes += email.html.length + email.text.length;
}
const fillMs = ms(t);

const source = await loadTemplateSource('digest', 'mjml', 'en', brand);
t = performance.now();
const RUNS = 5;
for (let i = 0; i < RUNS; i++) await mjml2html(source, { validationLevel: 'skip' });
const mjmlMs = ms(t) / RUNS;

console.log(`templates compiled:        ${cache.compileCount} (4 templates × 2 languages) in ${compileMs.toFixed(0)} ms`);
console.log(`render per profile:        ${(renderMs / PROFILES).toFixed(3)} ms (12 items, ${PROFILES} profiles)`);
console.log(`fill per reader:           ${((fillMs / READERS) * 1000).toFixed(1)} µs → ${Math.round(READERS / (fillMs / 1000)).toLocaleString('en')} fills/s`);
console.log(`average email size:        ${Math.round(bytes / READERS / 1024)} KB (HTML + text)`);
console.log(`one MJML run, for contrast: ${mjmlMs.toFixed(1)} ms (what a per-recipient compile would cost)`);
