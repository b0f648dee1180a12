import { describe, expect, it } from 'vitest';
import { containsLink } from '../../src/llm/plain-text.js';

// Audit finding 5: the "no links" filter for model text missed bare domains outside a fixed list, e-mail
// addresses and IPs with paths, and mail clients make links of all of them.
describe('containsLink', () => {
  const links = [
    // Bare domains with any top-level domain, with paths, in capitals, in IDN and punycode.
    'See example.museum for the data.',
    'Slides at lab.example.org/x today.',
    'Read evil.co.',
    'Go to results.example.science/paper?id=3#s2',
    'The lab (EXAMPLE.ORG) answers.',
    'Visit Example.Com now',
    'xn--bcher-kva.example is new',
    'see example.xn--p1ai',
    'пример.рф опубликовал',
    'example。org',
    'bit.ly/abc',
    'Node.js',
    'example.com.Next sentence',
    // www. forms and schemes.
    'www.example',
    'WWW2.example.org',
    'https://example.org',
    'hxxp://example.org',
    'mailto:someone',
    'javascript:alert(1)',
    // Addresses.
    'Write to ana.perez+lab@uni.example.org today.',
    'Write to ANA@EXAMPLE.MUSEUM',
    // IPv4 and IPv6, alone or with ports and paths.
    'Data on 192.168.10.20 only',
    'at 10.0.0.1:8080/data',
    '203.0.113.7/papers',
    'the server 2001:db8::1 answers',
    'at [2001:db8:85a3::8a2e:370:7334]:443/x',
    'at ::1 locally',
    'at fe80:0:0:0:202:b3ff:fe1e:8329',
  ];
  it.each(links)('finds the link in %j', (text) => {
    expect(containsLink(text)).toBe(true);
  });

  const prose = [
    'Methods differ, e.g. in sampling, i.e. how often.',
    'Accuracy rose 3.5% (Fig. 2), as in v2.0 of the model.',
    'A U.S. team, led by a Ph.D. student, et al. reported it.',
    'Version 1.2.3 runs at 10:30:00 on 2026-10-03.',
    'It costs $4.50, i.e. less; cf. Table 3.',
    'Sci.Rep. and Nat.Commun. both covered it.',
    'They met at 9 a.m. and 5 p.m. daily.',
    'The ratio was 2.5mm per 1.5s; p < 0.05.',
    'Wait...what happened next?',
    'See std::vector and Class::method in the code.',
    'Email us via the form; follow @lab on social media.',
    '',
  ];
  it.each(prose)('finds no link in %j', (text) => {
    expect(containsLink(text)).toBe(false);
  });

  it('stays fast on long dotted text', () => {
    const text = `${'a.'.repeat(50_000)}1`;
    expect(containsLink(text)).toBe(false);
    expect(containsLink(`${'1.'.repeat(50_000)}a`)).toBe(false);
  });
});
