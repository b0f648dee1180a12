// Accent commands and the combining mark each one adds to the letter that follows.
const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
  d: '\u0323',
  b: '\u0331',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'i',
  j: 'j',
  textendash: '–',
  textemdash: '—',
  ldots: '…',
  dots: '…',
  textquoteright: '’',
  textquoteleft: '‘',
  S: '§',
  textregistered: '®',
  copyright: '©',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
};

const ESCAPED = /\\([&%$#_{}])/g;

/** Applies accent commands: \'e, \'{e}, {\'e}, \'\i, \~{n}, \c{c}. */
function decodeAccents(text: string): string {
  return text.replace(/\\(['`^"~=.]|[uvHckrdb](?![a-zA-Z]))\s*(\{\s*(\\[ij]|[a-zA-Z])\s*\}|\\[ij](?![a-zA-Z])|[a-zA-Z])/g, (_m, cmd: string, arg: string) => {
    const letter = arg.replace(/[{}\s\\]/g, '');
    return `${letter}${ACCENTS[cmd] ?? ''}`.normalize('NFC');
  });
}

/**
 * BibTeX/LaTeX text to plain Unicode: accents, escaped characters, dashes, protected capitals ({Santiago}),
 * formatting commands (\emph{x} → x) and inline math delimiters.
 */
export function decodeLatex(raw: string): string {
  let text = decodeAccents(raw);
  text = text.replace(/\\([a-zA-Z]+)(?![a-zA-Z])\s*(\{\})?/g, (m, name: string) => SYMBOLS[name] ?? m);
  // Formatting commands keep their argument; unknown commands are dropped.
  text = text.replace(/\\[a-zA-Z]+\*?\s*(?=\{)/g, '');
  text = text.replace(/\\[a-zA-Z]+\*?/g, '');
  // Escaped characters hide behind private-use code points until the syntax around them is gone.
  text = text.replace(ESCAPED, (_m, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
  text = text
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/``|''/g, '"')
    .replace(/(?<!\\)~/g, ' ')
    .replace(/(?<!\\)\$/g, '')
    .replace(/[{}]/g, '')
    .replace(/\\\\/g, ' ')
    .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
  return text.replace(/\s+/g, ' ').trim();
}
