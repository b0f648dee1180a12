/**
 * The fixed words the grounding check knows, English and Spanish together: a Spanish line may quote an
 * English title and the other way round, so both lists apply to every line. All folded (lower case, no accents).
 */

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/**
 * Capitalised words that are not names: articles, pronouns, determiners, prepositions, conjunctions,
 * sentence adverbs, titles before a name, months, weekdays, seasons, languages, and generic words for the lab.
 */
export const COMMON_WORDS = words(`
  i i'm i've i'd i'll me my we our ours us you your yours he him his she her it its they them their theirs
  a an the this that these those here there what which who whom whose why how when where while if as
  and or but nor so yet not no yes also too all any both each every either neither some many more most
  much few several such other another same own new latest recent key main top
  in on at by for from of to with without within into onto over under after before during between among
  across through about above below against along around behind beyond despite since until upon via per
  however moreover meanwhile finally first second third next last then thus therefore still even only
  today tomorrow yesterday now soon again already also plus overall together
  dear hello hi welcome thanks thank please read see discover learn find note meet
  mr mrs ms dr prof professor sir st jr et al
  el la lo los las un una unos unas este esta esto estos estas ese esa eso esos esas aquel aquella
  nuestro nuestra nuestros nuestras su sus mi mis tu tus usted ustedes nosotros nosotras ellos ellas
  yo el ella le les se nos
  en con por para de del al desde hasta entre sobre segun sin tras durante ante bajo hacia contra mediante
  y e o u ni pero sino si cuando mientras donde como que cual cuales quien quienes cuanto
  aqui ahi alli hoy manana ayer ahora ya tambien ademas asimismo finalmente luego entonces incluso solo
  sin embargo cada todo toda todos todas otro otra otros otras nuevo nueva nuevos nuevas mismo misma
  estimado estimada estimados estimadas hola bienvenido bienvenida bienvenidos gracias lea vea descubra
  conozca encuentre le les
  sr sra srta dra profa don dona
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
  lunes martes miercoles jueves viernes sabado domingo
  spring summer autumn fall winter primavera verano otono invierno
  english spanish espanol ingles castellano
  lab labs laboratory laboratorio laboratorios team equipo group grupo newsletter boletin digest resumen
  ai ia phd dna adn rna arn ok faq pdf url tv
`);

/** Lower-case words that join the parts of a name: "Universidad de Chile", "García de la Torre", "University of the Andes". */
export const NAME_PARTICLES = words('de del la las los da das do dos di du van von der den ter le of the for');

/** Abbreviations whose full stop does not end a sentence ("Dr. Soto", "et al.", "e.g."). */
export const ABBREVIATIONS = words('dr dra mr mrs ms sr sra srta prof profa st jr al e g i vs no nº vol pp aprox approx inc ltd univ dept fig');

/** Number words a source may spell out, so that a line writing the figure in digits still matches. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    hundred: 100,
    thousand: 1000,
    dozen: 12,
    first: 1,
    third: 3,
    fourth: 4,
    fifth: 5,
    tenth: 10,
    half: 50,
    cero: 0,
    uno: 1,
    una: 1,
    dos: 2,
    tres: 3,
    cuatro: 4,
    cinco: 5,
    seis: 6,
    siete: 7,
    ocho: 8,
    nueve: 9,
    diez: 10,
    doce: 12,
    trece: 13,
    catorce: 14,
    quince: 15,
    dieciseis: 16,
    diecisiete: 17,
    dieciocho: 18,
    diecinueve: 19,
    veinte: 20,
    treinta: 30,
    cuarenta: 40,
    cincuenta: 50,
    sesenta: 60,
    setenta: 70,
    ochenta: 80,
    noventa: 90,
    cien: 100,
    ciento: 100,
    mil: 1000,
    docena: 12,
    primer: 1,
    primero: 1,
    primera: 1,
    segundo: 2,
    segunda: 2,
    tercer: 3,
    tercero: 3,
    tercera: 3,
    cuarto: 4,
    cuarta: 4,
    quinto: 5,
    quinta: 5,
    mitad: 50,
  }),
);
