import fc from 'fast-check';

// Generators of random and hostile request parts: bodies, headers, tokens and query strings.

/** A request as app.inject takes it (the payload already encoded). */
export interface HostileRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** A body and the content type it is sent with (none: no content-type header). */
export interface HostileBody {
  contentType?: string;
  payload?: string | Buffer;
}

const BODY_LIMIT = 64 * 1024;

/** Strings people and programs send where text is expected, and some they should not. */
export const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' OR 1=1 --",
      '\u0000',
      '\r\nBcc: victim@example.org',
      '{{',
      '%',
      '%zz',
      '%E0%A4%A',
      '\uFEFF',
      '\u202E',
      'a'.repeat(5000),
      'yes',
      'on',
      'true',
      'One-Click',
      'networks',
      'elections',
      'en',
      'es',
      'xx-invalid',
      'a@b.c',
      'x@example.org',
      'a+b@example.org',
      'émile@exämple.org',
      '"quoted local"@example.org',
      'a@[127.0.0.1]',
      'nobody',
    ),
  },
);

/** JSON values, including prototype-pollution keys and arrays where objects belong. */
const jsonLike: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileText, fc.constantFrom('__proto__', 'constructor', 'email', 'topics', 'consent')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** The fields the public forms read, with plausible and hostile values, so validation is exercised past the first field. */
export function formFields(knownEmails: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const email = fc.oneof(hostileText, fc.constantFrom(...knownEmails, 'fresh@example.org'), fc.emailAddress());
  return fc.record(
    {
      email,
      consent: fc.oneof(fc.constantFrom('yes', 'on', true, 'no', false, 1, null), hostileText),
      name: fc.oneof(hostileText, fc.constant(null), fc.integer()),
      language: fc.oneof(fc.constantFrom('en', 'es', 'EN', 'zz'), hostileText),
      topics: fc.oneof(
        fc.constantFrom(['networks'], ['networks', 'elections'], 'networks', [], null),
        fc.array(hostileText, { maxLength: 3 }),
        fc.array(fc.constantFrom('networks', 'elections'), { minLength: 101, maxLength: 110 }),
      ),
      confirm: fc.oneof(fc.constantFrom('yes', 'no'), hostileText),
      paused: fc.oneof(fc.constantFrom('yes', 'on'), hostileText),
      website: fc.oneof(fc.constant(''), hostileText),
      form: fc.oneof(fc.constantFrom('main', 'footer'), hostileText),
      'List-Unsubscribe': fc.oneof(fc.constant('One-Click'), hostileText),
      ['__proto__']: fc.constant({ polluted: 'yes' }),
      constructor: fc.constant({ prototype: { polluted: 'yes' } }),
    },
    { requiredKeys: [] },
  );
}

function formEncode(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const key of Reflect.ownKeys(fields)) {
    if (typeof key !== 'string') continue;
    const value = (fields as Record<string, unknown>)[key];
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, typeof one === 'object' ? JSON.stringify(one) : String(one));
  }
  return params.toString();
}

/** A JSON text that keeps `__proto__` as an own key (JSON.stringify of an object literal would drop it). */
function jsonEncode(fields: Record<string, unknown>): string {
  const parts = Reflect.ownKeys(fields)
    .filter((k): k is string => typeof k === 'string')
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify((fields as Record<string, unknown>)[k]) ?? 'null'}`);
  return `{${parts.join(',')}}`;
}

function multipart(boundary: string, fields: Array<[string, string]>, opts: { cut?: number; file?: { name: string; content: string } } = {}): string {
  let body = '';
  for (const [k, v] of fields) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  if (opts.file) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${opts.file.content}\r\n`;
  }
  body += `--${boundary}--\r\n`;
  return opts.cut === undefined ? body : body.slice(0, Math.max(1, Math.floor((body.length * opts.cut) / 100)));
}

const deepJson = fc.integer({ min: 50, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const deepObject = fc.integer({ min: 50, max: 5000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json;;',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'Application/X-WWW-Form-Urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/html',
  'application/xml',
  'application/octet-stream',
  'application/merge-patch+json',
  'application/jsonx',
  '*/*',
  ';',
  'garbage',
];

/** A content-type header: the usual ones, odd spellings, and garbage. */
export const contentType = fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue());

/** Header text a client can put on the wire (no CR, LF or NUL). */
export function headerValue(maxLength = 60): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)),
    maxLength,
  });
}

/** Random and hostile bodies: form, JSON, multipart, wrong types, empty, huge, deep and garbage. */
export function hostileBody(knownEmails: readonly string[]): fc.Arbitrary<HostileBody> {
  const fields = formFields(knownEmails);
  const boundary = fc.constantFrom('x', '----b0undary', 'a'.repeat(70));
  return fc.oneof(
    { arbitrary: fields.map((f) => ({ contentType: 'application/x-www-form-urlencoded', payload: formEncode(f) })), weight: 5 },
    { arbitrary: fields.map((f) => ({ contentType: 'application/json', payload: jsonEncode(f) })), weight: 5 },
    {
      arbitrary: fc.record({ ct: contentType, json: jsonLike }).map(({ ct, json }) => ({ contentType: ct, payload: JSON.stringify(json) ?? '' })),
      weight: 3,
    },
    {
      arbitrary: fc
        .record({
          ct: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'),
          raw: hostileText,
        })
        .map(({ ct, raw }) => ({ contentType: ct, payload: raw })),
      weight: 3,
    },
    {
      arbitrary: fc
        .record({
          b: boundary,
          fields: fc.array(fc.tuple(fc.oneof(fc.constantFrom('confirm', 'List-Unsubscribe', '__proto__', 'email', 'file'), hostileText), hostileText), {
            maxLength: 12,
          }),
          cut: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
          header: fc.constantFrom('withBoundary', 'noBoundary', 'otherBoundary'),
          file: fc.option(fc.record({ name: fc.oneof(hostileText, fc.constantFrom('a.md', 'a.bib', 'a.xml', '../../etc/passwd')), content: hostileText }), {
            nil: undefined,
          }),
        })
        .map(({ b, fields: fs, cut, header, file }) => ({
          contentType:
            header === 'withBoundary'
              ? `multipart/form-data; boundary=${b}`
              : header === 'noBoundary'
                ? 'multipart/form-data'
                : 'multipart/form-data; boundary=zz',
          payload: multipart(b, fs, { cut, file }),
        })),
      weight: 3,
    },
    {
      arbitrary: fc
        .record({ ct: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), text: fc.oneof(deepJson, deepObject) })
        .map(({ ct, text }) => ({ contentType: ct, payload: ct === 'application/json' ? text : `a=${text}` })),
      weight: 1,
    },
    {
      arbitrary: fc
        .record({ ct: fc.option(contentType, { nil: undefined }), n: fc.constantFrom(0, 1, BODY_LIMIT - 1, BODY_LIMIT + 1, 3 * BODY_LIMIT) })
        .map(({ ct, n }) => ({ contentType: ct, payload: n === 0 ? '' : Buffer.alloc(n, 0x61) })),
      weight: 1,
    },
    {
      arbitrary: fc
        .record({ ct: fc.option(contentType, { nil: undefined }), bytes: fc.uint8Array({ maxLength: 200 }) })
        .map(({ ct, bytes }) => ({ contentType: ct, payload: Buffer.from(bytes) })),
      weight: 2,
    },
    {
      arbitrary: fc
        .record({ ct: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), f: fields, cut: fc.integer({ min: 0, max: 99 }) })
        .map(({ ct, f, cut }) => {
          const full = ct === 'application/json' ? jsonEncode(f) : formEncode(f);
          return { contentType: ct, payload: full.slice(0, Math.floor((full.length * cut) / 100)) };
        }),
      weight: 2,
    },
    { arbitrary: fc.constant<HostileBody>({}), weight: 1 },
  );
}

/** Query strings: a language (good, bad, repeated, long), odd keys, broken escapes. */
export const hostileQuery = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?lang=es',
    '?lang=EN',
    '?lang=',
    '?lang',
    '?lang=es&lang=en',
    '?lang[]=es',
    '?lang[__proto__]=x',
    '?__proto__[polluted]=1',
    '?lang=%',
    '?lang=%zz',
    '?lang=%E0%A4%A',
  ),
  fc.constantFrom('?form=', `?form=${'f'.repeat(70)}`, `?lang=${'x'.repeat(5000)}`, '?limit=-1', '?limit=99999999999', '?offset=-5', '?status=bogus', '?q=%00'),
  fc
    .dictionary(fc.oneof(hostileText, fc.constantFrom('lang', 'form', 'limit', 'offset', 'status', 'q', 'topic', 'page')), hostileText, { maxKeys: 4 })
    .map((d) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(d)) p.append(k, v);
      const s = p.toString();
      return s ? `?${s}` : '';
    }),
);

/** Request headers: accept-language garbage, accept variants, user agents and odd extras. */
export const hostileHeaders = fc.record(
  {
    'accept-language': fc.oneof(fc.constantFrom('es', 'es-ES,es;q=0.9', 'en;q=0', '*', 'q=1', ';;;,,,', 'es;q=abc', `${'a-'.repeat(500)}`), headerValue(200)),
    accept: fc.oneof(fc.constantFrom('text/html', 'application/json', '*/*', 'text/html;q=0, application/json'), headerValue()),
    'user-agent': headerValue(600),
    'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4', '::1, 127.0.0.1', 'unknown'), headerValue()),
    cookie: headerValue(),
    origin: fc.oneof(fc.constantFrom('http://evil.test', 'null'), headerValue()),
  },
  { requiredKeys: [] },
);

/**
 * Tokens: random text, valid tokens of every purpose (used on the wrong route too), and tampered ones
 * (a character changed, cut, extended, purpose swapped, parts added or removed).
 */
export function hostileToken(valid: readonly string[]): fc.Arbitrary<string> {
  const good = fc.constantFrom(...valid);
  const tampered = fc
    .record({ token: good, at: fc.nat(), how: fc.constantFrom('flip', 'cut', 'extend', 'purpose', 'dot', 'case', 'id') })
    .map(({ token, at, how }) => {
      const i = at % token.length;
      switch (how) {
        case 'flip':
          return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
        case 'cut':
          return token.slice(0, i);
        case 'extend':
          return `${token}A`;
        case 'purpose':
          return token.replace(/^[a-z-]+/, (p) => (p === 'preferences' ? 'unsubscribe' : 'preferences'));
        case 'dot':
          return `${token}.x`;
        case 'case':
          return token.toUpperCase();
        default:
          return token.replace(/\.([0-9a-z]+)\./, (_m, id: string) => `.${(parseInt(id, 36) + 1).toString(36)}.`);
      }
    });
  const random = fc.oneof(
    hostileText,
    fc.constantFrom('preferences.1.AAAAAAAAAAAAAAAAAAAAAAAAAAA', 'unsubscribe.0.x', 'confirm.zzzzzzzzzzzz.x', 'export.1.1.x', `${'a'.repeat(600)}`, '..', '.'),
  );
  return fc.oneof({ arbitrary: good, weight: 2 }, { arbitrary: tampered, weight: 3 }, { arbitrary: random, weight: 3 });
}

/** A path segment: the text percent-encoded, or (sometimes) raw broken escapes. */
export function pathSegment(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: text.map(safeEncode), weight: 9 },
    { arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..', '%2F..%2F', '%2e%2e'), weight: 1 },
  );
}

/** encodeURIComponent, with lone surrogates replaced (they cannot be encoded). */
export function safeEncode(s: string): string {
  return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
}
