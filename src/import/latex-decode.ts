// Tables indexed by a command name from the input are Maps: an object would also answer to inherited names,
// and "\constructor" in a title would print "function Object() { [native code] }".

// Accent commands and the combining mark each one adds to the letter that follows.
const ACCENTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
  }),
);

const SYMBOLS: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
    // Alone, \i and \j are the dotless letters (Turkish "Y{\i}ld{\i}z"); under an accent decodeAccents has used them already.
    i: 'ı',
    j: 'ȷ',
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
    textless: '<',
    textgreater: '>',
    textbar: '|',
    slash: '/',
    hyphen: '-',
    textquotesingle: "'",
    // Math that shows up in titles: "$\beta$-divergence", "$\sqrt{s}$", "CCR5$\Delta$32".
    sqrt: '√',
    times: '×',
    pm: '±',
    leq: '≤',
    le: '≤',
    geq: '≥',
    ge: '≥',
    approx: '≈',
    infty: '∞',
    cdot: '·',
    circ: '∘',
    star: '⋆',
    ...greekLetters(),
    // Math operators print their own name, and the space after it stays: "h^{\max}", "O(n \log n)".
    ...Object.fromEntries('max min log ln exp lim sup inf sin cos tan det dim arg gcd Pr'.split(' ').map((op) => [op, `${op} `])),
  }),
);

/** \alpha … \omega and the capitals that differ from Latin ones, as Unicode letters. */
function greekLetters(): Record<string, string> {
  const names = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ');
  const out: Record<string, string> = { varepsilon: 'ε', vartheta: 'ϑ', varphi: 'φ', varsigma: 'ς', varrho: 'ϱ', varpi: 'ϖ' };
  names.forEach((name, i) => {
    // Lower case starts at U+03B1 and skips final sigma (U+03C2); capitals mirror them from U+0391.
    const offset = i >= 17 ? i + 1 : i;
    out[name] = String.fromCharCode(0x3b1 + offset);
    out[name[0]!.toUpperCase() + name.slice(1)] = String.fromCharCode(0x391 + offset);
  });
  return out;
}

const ESCAPED = /\\([&%$#_{}])/g;

const SUPERSCRIPT = { from: '0123456789+-=()ni', to: '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ' };
const SUBSCRIPT = { from: '0123456789+-=()', to: '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎' };

/** Math-mode ^ and _ ("10$^{20}$", "H$_2$O", "A$^*$"): Unicode super/subscripts when they exist, else plain. */
function scripts(math: string): string {
  return math.replace(/([_^])(?:\{([^{}]*)\}|(\S))/g, (_m, mark: string, braced: string | undefined, single: string | undefined) => {
    const arg = braced ?? single ?? '';
    const table = mark === '^' ? SUPERSCRIPT : SUBSCRIPT;
    if (![...arg].every((c) => table.from.includes(c))) return arg;
    return [...arg].map((c) => table.to[table.from.indexOf(c)]).join('');
  });
}

/** Applies accent commands: \'e, \'{e}, {\'e}, \'\i, \~{n}, \c{c}. */
function decodeAccents(text: string): string {
  return text.replace(/\\(['`^"~=.]|[uvHckrdb](?![a-zA-Z]))\s*(\{\s*(\\[ij]|[a-zA-Z])\s*\}|\\[ij](?![a-zA-Z])|[a-zA-Z])/g, (_m, cmd: string, arg: string) => {
    const letter = arg.replace(/[{}\s\\]/g, '');
    return `${letter}${ACCENTS.get(cmd) ?? ''}`.normalize('NFC');
  });
}

/**
 * BibTeX/LaTeX text to plain Unicode: accents, escaped characters, dashes, protected capitals ({Santiago}),
 * formatting commands (\emph{x} → x) and inline math delimiters.
 */
export function decodeLatex(raw: string): string {
  // A line break (\\), control space and thin space are spaces; a discretionary hyphen and the italic
  // correction are nothing; \( \) delimit math like $. First, so that "\\b" is not read as a command \b.
  let text = decodeAccents(
    raw
      .replace(/\\\\|\\[\s,;]/g, ' ')
      .replace(/\\[-/]/g, '')
      .replace(/\\[()]/g, '$'),
  );
  text = text.replace(/\\([a-zA-Z]+)(?![a-zA-Z])\s*(\{\})?/g, (m, name: string) => SYMBOLS.get(name) ?? m);
  // Formatting commands keep their argument; unknown commands are dropped.
  text = text.replace(/\\[a-zA-Z]+\*?\s*(?=\{)/g, '');
  text = text.replace(/\\[a-zA-Z]+\*?/g, '');
  // Escaped characters hide behind private-use code points until the syntax around them is gone.
  text = text.replace(ESCAPED, (_m, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
  text = text.replace(/\$([^$]*)\$/g, (_m, math: string) => scripts(math));
  text = text
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/``|''/g, '"')
    .replace(/(?<!\\)~/g, ' ')
    .replace(/(?<!\\)\$/g, '')
    .replace(/[{}]/g, '')
    .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
  return text.replace(/\s+/g, ' ').trim();
}
