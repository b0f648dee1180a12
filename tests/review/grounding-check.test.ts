import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/i18n/languages.js';
import type { CandidateItem } from '../../src/jobs/digest-jobs.js';
import { checkLine, checkLineAgainst, indexSources, itemSources, profileSources } from '../../src/review/grounding-check.js';
import type { GroundingFinding } from '../../src/review/profile-text.js';
import { candidate } from '../llm/candidates.js';

const EN_LAB = { orgName: 'Social Data Lab', topicLabels: ['Social networks', 'Elections'] };
const ES_LAB = { orgName: 'Laboratorio de Datos Sociales', topicLabels: ['Redes sociales', 'Elecciones'] };

const TWITTER = candidate({
  id: 1,
  title: 'Polarization on Twitter during the 2021 Chilean presidential election',
  summary:
    'We analysed 1,200 accounts and 3.5 million posts from the Servel registry. Twelve percent of the accounts produced 40% of the content, ' +
    'and turnout rose by 4.7 percentage points. The project received $2 million from the National Science Foundation (NSF) and ran with ' +
    'the Massachusetts Institute of Technology.',
  authors: ['Rosa Martínez', 'José García de la Torre', "Liam O'Connor"],
  venue: 'Journal of Politics',
  date: '2026-03-15',
  language: 'en',
});

const WHATSAPP = candidate({
  id: 2,
  title: 'Desinformación en WhatsApp durante el plebiscito constitucional de 2022',
  summary:
    'Analizamos 1.500 grupos y 2,3 millones de mensajes en Ñuñoa y Valparaíso. El 27,5 % de los mensajes contenía afirmaciones falsas. ' +
    'El estudio, financiado con 500 millones de pesos por la Agencia Nacional de Investigación y Desarrollo (ANID), se realizó con la ' +
    'Universidad de Chile y el CONICET.',
  authors: ['María José Pérez', 'Andrés Muñoz'],
  venue: 'Revista de Ciencia Política',
  date: '2026-04-02',
  language: 'es',
});

type Case = [line: string, language: Language, item: CandidateItem, failing: string[]];

const name = (text: string): GroundingFinding => ({ kind: 'name', text });
const figure = (text: string): GroundingFinding => ({ kind: 'figure', text });

// Each case: a line the model might write about one item, and the words that must be flagged (none for an honest line).
const ENGLISH: Case[] = [
  // Honest lines: no false alarms.
  ['Rosa Martínez and colleagues analysed 1,200 accounts.', 'en', TWITTER, []],
  ['Martinez shows that 12% of accounts produced 40 percent of the content.', 'en', TWITTER, []],
  ['The study covers 3.5 million posts and 1200 accounts on Social networks.', 'en', TWITTER, []],
  ['Turnout rose by 4.7 percentage points in the 2021 election.', 'en', TWITTER, []],
  ['Funded with US$2 million by the NSF, this paper matters for Elections researchers.', 'en', TWITTER, []],
  ["García de la Torre and O'Connor publish it in the Journal of Politics.", 'en', TWITTER, []],
  ['This work with MIT shows why Chilean voters saw polarised feeds in March.', 'en', TWITTER, []],
  ['Our readers at the Social Data Lab will like this: Twitter accounts drove 40% of the content.', 'en', TWITTER, []],
  ['Published on 15 March 2026, it tracks 3,500,000 posts from the SERVEL registry.', 'en', TWITTER, []],
  ['Here is why I think Dr. Martínez’s team matters: two million dollars, 2,000,000 in all.', 'en', TWITTER, []],
  ['Pérez and Muñoz analysed 1,500 WhatsApp groups and 2.3 million messages; 27.5% held false claims.', 'en', WHATSAPP, []],
  ['In Chile, the ANID and CONICET funded this study with 500 million pesos.', 'en', WHATSAPP, []],
  ['On Monday, the Servel registry showed 1 200 accounts; this matters since the 2021 vote?', 'en', TWITTER, []],
  ['Chile’s polarisation, seen by Martínez et al., reached 40 per cent of the content.', 'en', TWITTER, []],
  ['José García de la Torre, Rosa Martinez and Liam O’Connor: POLARIZATION ON TWITTER.', 'en', TWITTER, []],
  // Invented figures, people, institutions and places.
  ['Rosa Martínez and colleagues analysed 1,500 accounts.', 'en', TWITTER, ['1,500']],
  ['Researchers at Harvard University replicate it.', 'en', TWITTER, ['Harvard University']],
  ['Martínez worked with Peter Smith on the data.', 'en', TWITTER, ['Peter Smith']],
  ['About 15% of the accounts produced most of the content.', 'en', TWITTER, ['15%']],
  ['The project received $3 million from the NSF.', 'en', TWITTER, ['$3 million']],
  ['The project received €2 million from the NSF.', 'en', TWITTER, ['€2 million']],
  ['Similar patterns appeared in Argentina and Peru.', 'en', TWITTER, ['Argentina', 'Peru']],
  ['Posts were tracked over 2019-2021 by Rosa Martínez.', 'en', TWITTER, ['2019']],
  ['Rosa Martínez of the London School of Economics leads it.', 'en', TWITTER, ['London School of Economics']],
  ['Accounts grew 3.5% per month, a pattern UNESCO has warned about.', 'en', TWITTER, ['3.5%', 'UNESCO']],
  ['Muñoz and Carlos Rojas found 30 percent of messages false.', 'en', WHATSAPP, ['Carlos Rojas', '30 percent']],
  ['The Wilson Center funded it with €5M in 2024.', 'en', TWITTER, ['Wilson Center', '€5M', '2024']],
  ['Martínez’s co-author, Dr. Elena Vidal of Stanford, counted 1.2 million posts.', 'en', TWITTER, ['Elena Vidal of Stanford', '1.2 million']],
];

const SPANISH: Case[] = [
  // Honest lines: no false alarms.
  ['Andrés Muñoz y María José Pérez analizaron 1.500 grupos de WhatsApp.', 'es', WHATSAPP, []],
  ['Este estudio muestra que el 27,5 % de los mensajes eran falsos.', 'es', WHATSAPP, []],
  ['Nuestro laboratorio destaca los 2,3 millones de mensajes de Nunoa y Valparaiso.', 'es', WHATSAPP, []],
  ['Pérez muestra que el 27,5 por ciento de los mensajes contenía afirmaciones falsas.', 'es', WHATSAPP, []],
  ['La ANID y la Universidad de Chile financiaron este trabajo del Laboratorio de Datos Sociales.', 'es', WHATSAPP, []],
  ['Con 500 millones de pesos, este trabajo sobre el plebiscito de 2022 interesa a quienes siguen Redes sociales.', 'es', WHATSAPP, []],
  ['Muñoz (CONICET) estudió 2.300.000 mensajes en Nuñoa.', 'es', WHATSAPP, []],
  ['Publicado en la Revista de Ciencia Politica en abril de 2026, con datos de 1500 grupos.', 'es', WHATSAPP, []],
  ['El 27.5% de los mensajes era falso, según Maria Jose Perez.', 'es', WHATSAPP, []],
  ['Un resumen para quienes siguen Elecciones: la Agencia Nacional de Investigación y Desarrollo financió el estudio.', 'es', WHATSAPP, []],
  ['Rosa Martínez analizó 1.200 cuentas y 3,5 millones de publicaciones en Twitter durante la elección de 2021.', 'es', TWITTER, []],
  ['El 12 % de las cuentas produjo el 40 % del contenido, con fondos de la NSF y del MIT.', 'es', TWITTER, []],
  ['Hoy, el lunes 2 de abril, María José Pérez publica en la Revista de Ciencia Política.', 'es', WHATSAPP, []],
  ['¿Por qué importa? Porque los investigadores de ANID revisaron 1 500 grupos en Ñuñoa.', 'es', WHATSAPP, []],
  // Invented figures, people, institutions and places.
  ['Andrés Muñoz y Carlos Rojas analizaron 1.500 grupos.', 'es', WHATSAPP, ['Carlos Rojas']],
  ['El 30 % de los mensajes contenía afirmaciones falsas.', 'es', WHATSAPP, ['30 %']],
  ['El estudio se realizó con la Pontificia Universidad Católica.', 'es', WHATSAPP, ['Pontificia Universidad Católica']],
  ['Se analizaron mensajes en Santiago y Concepción.', 'es', WHATSAPP, ['Santiago', 'Concepción']],
  ['Fue financiado con 2 millones de dólares por la ANID.', 'es', WHATSAPP, ['2 millones de dólares']],
  ['Los datos cubren 1.800 grupos entre 2019 y 2022.', 'es', WHATSAPP, ['1.800', '2019']],
  ['La UNAM y el CONICET replicaron el trabajo.', 'es', WHATSAPP, ['UNAM']],
  ['Según el Banco Mundial, el 27,5 % de los mensajes era falso.', 'es', WHATSAPP, ['Banco Mundial']],
  ['Pérez y la profesora Ana Torres estudiaron 2,3 millones de mensajes.', 'es', WHATSAPP, ['Ana Torres']],
  ['El equipo de la Universidad de Santiago analizó 1,5 millones de mensajes.', 'es', WHATSAPP, ['Santiago', '1,5 millones']],
  ['Martínez y García de la Torre estudiaron 1.200 cuentas en Bolivia.', 'es', TWITTER, ['Bolivia']],
  ['Según Juan Pérez, el 45 % de las cuentas fueron bots.', 'es', TWITTER, ['Juan Pérez', '45 %']],
  ['La Fundación Ford aportó 3 millones de euros al estudio de Pérez.', 'es', WHATSAPP, ['Fundación Ford', '3 millones de euros']],
  ['El 27,5 % de los mensajes circuló en Valparaíso, Temuco y el Ministerio del Interior.', 'es', WHATSAPP, ['Temuco', 'Ministerio del Interior']],
];

function expected(line: string, failing: string[]): GroundingFinding[] {
  // A failing word is a figure when it starts with a digit or a currency sign.
  return failing.map((text) => (/^[\d$€£]/u.test(text) ? figure(text) : name(text))).sort((a, b) => line.indexOf(a.text) - line.indexOf(b.text));
}

describe('checkLine', () => {
  it.each([...ENGLISH, ...SPANISH])('%s', (line, language, item, failing) => {
    const lab = item.language === 'es' ? ES_LAB : EN_LAB;
    expect(checkLine(line, itemSources(item, lab), language)).toEqual(expected(line, failing));
  });

  it('has at least 40 cases, honest and invented, in both languages', () => {
    const all = [...ENGLISH, ...SPANISH];
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const language of ['en', 'es'] as const) {
      const mine = all.filter((c) => c[1] === language);
      expect(mine.filter((c) => c[3].length === 0).length).toBeGreaterThanOrEqual(10);
      expect(mine.filter((c) => c[3].length > 0).length).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('the sources', () => {
  it('gives an item line its title, summary, authors, venue, date, the topic labels and the lab name', () => {
    expect(itemSources(TWITTER, EN_LAB)).toEqual([
      TWITTER.title,
      TWITTER.summary,
      'Rosa Martínez',
      'José García de la Torre',
      "Liam O'Connor",
      'Journal of Politics',
      '2026-03-15',
      'Social networks',
      'Elections',
      'Social Data Lab',
    ]);
    expect(itemSources({ ...TWITTER, venue: null }, EN_LAB)).not.toContain(null);
  });

  it('gives the intro every item, and how many items the model was given', () => {
    const data = { ...ES_LAB, items: [TWITTER, WHATSAPP] };
    expect(profileSources(data)).toEqual([...itemSources(TWITTER, data), ...itemSources(WHATSAPP, data), '2']);
    const intro = 'Dos estudios: Rosa Martínez en Chile (1.200 cuentas) y María José Pérez en Valparaíso (1.500 grupos).';
    expect(checkLine(intro, profileSources(data), 'es')).toEqual([]);
    // An item's own line may not borrow from another item.
    expect(checkLine(intro, itemSources(TWITTER, data), 'es')).toEqual([name('María José Pérez'), name('Valparaíso'), figure('1.500')]); // Chile passes: the title says Chilean;
  });

  it('reads the sources once for many lines with the same answer', () => {
    const sources = itemSources(WHATSAPP, ES_LAB);
    const index = indexSources(sources);
    for (const [line] of SPANISH.filter((c) => c[2] === WHATSAPP)) {
      expect(checkLineAgainst(line, index, 'es')).toEqual(checkLine(line, sources, 'es'));
    }
  });

  it('reports a repeated invention once, in the order of the line', () => {
    expect(checkLine('Peter Smith says 15% and Peter Smith says 15% again.', itemSources(TWITTER, EN_LAB), 'en')).toEqual([name('Peter Smith'), figure('15%')]);
  });

  it('reads number formats by the language of the line', () => {
    const sources = ['It costs 1.2 units and 1200 more.'];
    expect(checkLine('It costs 1.200 units.', sources, 'en')).toEqual([]); // 1.2
    expect(checkLine('Cuesta 1.200 unidades.', sources, 'es')).toEqual([]); // 1200
    expect(checkLine('It costs 3,5 units.', ['It costs 3.5 units.'], 'en')).toEqual([]); // a lone decimal comma is still a decimal
    expect(checkLine('It costs 1,300 units.', sources, 'en')).toEqual([figure('1,300')]);
  });

  it('bounds the work on a very long line', () => {
    const line = `${'Peter Smith '.repeat(2000)}Zed Quux`;
    const findings = checkLine(line, itemSources(TWITTER, EN_LAB), 'en');
    // Only the first few thousand characters are read, so the name at the very end is not reached.
    expect(findings.map((f) => f.text)).not.toContain('Zed Quux');
    expect(findings.length).toBeGreaterThan(0);
  });
});
