import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMAILS_DIR } from '../../src/mail/template-source.js';

// WCAG 2.x relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
/** SpamAssassin's HTML_FONT_LOW_CONTRAST distance (Mail::SpamAssassin::HTML, html_font_invisible): under 12 is "near-invisible". */
function spamAssassinDistance(a: string, b: string): number {
  const [d1, d2, d3] = [1, 3, 5].map((i) => Number.parseInt(a.slice(i, i + 2), 16) - Number.parseInt(b.slice(i, i + 2), 16));
  return Math.hypot(0.2126 * d1!, 0.7152 * d2!, 0.0722 * d3!);
}

function expand(hex: string): string {
  const h = hex.toLowerCase();
  return h.length === 4 ? `#${[...h.slice(1)].map((c) => c + c).join('')}` : h;
}

/** The colours the templates use: text, backgrounds, each button's own pair, and the hidden preview line's pair. */
function palette() {
  const text = new Set<string>();
  const backgrounds = new Set<string>();
  const buttons: Array<{ color?: string; background?: string }> = [];
  const hidden: Array<{ color: string; background: string }> = [];
  const files = readdirSync(EMAILS_DIR)
    .filter((f) => f.endsWith('.mjml'))
    .sort((a, b) => Number(b === 'layout.mjml') - Number(a === 'layout.mjml'));
  for (const file of files) {
    for (const line of readFileSync(join(EMAILS_DIR, file), 'utf8').split('\n')) {
      const colour = (re: RegExp) => [...line.matchAll(re)].map((m) => expand(m[1]!));
      const [fg] = colour(/(?<![\w-])color(?:="|:\s*)(#[0-9a-f]{3,6})\b/gi);
      const [bg] = colour(/background-color(?:="|:\s*)(#[0-9a-f]{3,6})\b/gi);
      if (/<mj-button\b/.test(line)) buttons.push({ color: fg, background: bg });
      else if (/display:\s*none/.test(line)) hidden.push({ color: fg ?? '#000000', background: bg ?? '#ffffff' });
      else {
        for (const c of colour(/(?<![\w-])color(?:="|:\s*)(#[0-9a-f]{3,6})\b/gi)) text.add(c);
        for (const c of colour(/background-color(?:="|:\s*)(#[0-9a-f]{3,6})\b/gi)) backgrounds.add(c);
      }
    }
  }
  // The first button is the layout's <mj-attributes> default; a button elsewhere may override either colour.
  const [defaults, ...rest] = buttons;
  const resolved = (defaults ? [defaults, ...rest] : []).map((b) => ({
    color: b.color ?? defaults!.color!,
    background: b.background ?? defaults!.background!,
  }));
  return { text: [...text], backgrounds: [...backgrounds], buttons: resolved, hidden };
}

describe('colours of the email templates', () => {
  const { text, backgrounds, buttons, hidden } = palette();

  it('finds the layout colours', () => {
    expect(text.length).toBeGreaterThanOrEqual(3);
    expect(backgrounds).toEqual(expect.arrayContaining(['#ffffff']));
    expect(buttons.length).toBeGreaterThan(0);
  });

  it('keeps every text colour at WCAG AA contrast (4.5:1) on every background, and the buttons too', () => {
    for (const fg of text) for (const bg of backgrounds) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    for (const b of buttons) expect(contrast(b.color, b.background), `button ${b.color} on ${b.background}`).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the hidden preview line apart from its own background, as SpamAssassin measures it', () => {
    // MJML's <mj-preview> writes white text straight into <body>; SpamAssassin 4.0 reads neither the body's
    // style nor its bgcolor, takes white, and scores white-on-white HTML_FONT_LOW_CONTRAST (0.7). The layout
    // writes the same hidden line with a background of its own; under a distance of 12 SpamAssassin calls
    // the text near-invisible, and a margin keeps a small change of shade from tripping it.
    expect(hidden).toHaveLength(1);
    const [preview] = hidden;
    expect(backgrounds).toContain(preview!.background);
    expect(spamAssassinDistance(preview!.color, preview!.background)).toBeGreaterThanOrEqual(15);
  });
});
