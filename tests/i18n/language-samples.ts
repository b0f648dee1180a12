import type { Language } from '../../src/i18n/languages.js';

/** A text and the language it is written in. */
export type Sample = [string, Language];

// Samples used to choose franc's thresholds (issue 7) and kept as a regression set.
// Item texts as the importer passes them: `${title}\n${summary}`. The lab-site fixture, the parser tests,
// then realistic titles and summaries: alone, with English loan words, with names and places.
export const ITEMS: Sample[] = [
  // The lab-site fixture
  [
    'A Change in Our Communication Strategy\nWe are reducing our presence on social media and will send personalised emails to subscribers instead, with detailed news about our projects, publications and achievements.',
    'en',
  ],
  [
    'Nuevo financiamiento para estudiar mercados laborales\nEl laboratorio recibió un fondo de tres años para ampliar el estudio de avisos laborales a cinco países más.',
    'es',
  ],
  [
    'Can Local Language Models Code Open-Ended Survey Answers?\nWe compare four open-weight language models with trained human coders on 12,000 open-ended survey answers in Spanish. The best model agrees with humans as often as two humans agree with each other, at a fraction of the cost.',
    'en',
  ],
  [
    'A Multilingual Dataset of Skills in Job Advertisements\nWe release 4.2 million labelled job advertisements from three countries with a skills taxonomy aligned to ESCO, together with baseline classifiers.',
    'en',
  ],
  ['Tracking Protest Events with News Data\nAn older article that falls outside any recent digest window.', 'en'],
  [
    'La brecha digital en la educación secundaria chilena\nCon datos administrativos de 1,2 millones de estudiantes mostramos que el acceso a internet en el hogar explica un tercio de la diferencia en rendimiento durante la educación remota.',
    'es',
  ],
  [
    'Public Transport and Residential Segregation: Evidence from Santiago\nWe link smart-card trips to census blocks and show that new metro lines reduced the isolation of low-income neighbourhoods by eleven percent within three years.',
    'en',
  ],
  ['Skills in Online Job Advertisements\nMeasuring which digital skills employers ask for, using millions of online job ads from Latin America.', 'en'],
  ['School Choice Simulator\nAn agent-based simulator of centralized school admission systems for policy makers.', 'en'],
  ['Encuestas Abiertas\nUna plataforma para publicar microdatos de encuestas sociales con documentación reproducible.', 'es'],
  ["A Local Newsroom for the Lab\nWriting the lab's outreach with language models that run on our own servers.", 'en'],
  ['Protest Diffusion on Social Media: A Comparative Study of Chile and Colombia\n', 'en'],
  ['El laboratorio recibió un fondo de tres años para ampliar el estudio de avisos laborales a cinco países más.', 'es'],
  ['La brecha digital en la educación secundaria chilena', 'es'],
  // Written for this comparison: titles alone, titles with summaries, loan words, names and places.
  ['Redes de desinformación en WhatsApp durante el plebiscito de 2022', 'es'],
  [
    'Machine learning para medir la segregación escolar\nUsamos modelos de machine learning y datos del SIMCE para estimar la segregación en 300 comunas.',
    'es',
  ],
  ['Big data y políticas públicas: una agenda de investigación', 'es'],
  ['Seminario: ¿Pueden los modelos de lenguaje reemplazar a los encuestadores?', 'es'],
  ['Nueva investigadora postdoctoral\nDamos la bienvenida a Valentina Rojas, que estudiará la movilidad laboral de migrantes venezolanos.', 'es'],
  ['Taller de R para ciencias sociales\nUn curso práctico de cuatro sesiones sobre limpieza, visualización y modelos con datos de encuestas.', 'es'],
  ['Elecciones y redes sociales en América Latina', 'es'],
  [
    'Migración, empleo y salarios en Santiago\nAnalizamos registros administrativos de 2015 a 2024 para medir brechas salariales entre trabajadores chilenos y migrantes.',
    'es',
  ],
  ['Premio a la mejor tesis de magíster\nCamila Valdés recibió el premio de la Sociedad Chilena de Sociología por su tesis sobre brecha digital.', 'es'],
  ['Datos abiertos del Censo 2024', 'es'],
  ['Polarización afectiva en Twitter/X\nMedimos la hostilidad entre comunidades políticas con 40 millones de tuits.', 'es'],
  ['Un simulador de admisión escolar', 'es'],
  ['Misinformation Networks on WhatsApp during the 2022 Plebiscite', 'en'],
  ['Measuring School Segregation with Machine Learning\nWe use administrative test score data to estimate segregation in 300 municipalities.', 'en'],
  ['New postdoctoral researcher\nWe welcome Valentina Rojas, who will study the labour mobility of Venezuelan migrants.', 'en'],
  ['Workshop: R for the social sciences\nA hands-on course in four sessions on cleaning, plotting and modelling survey data.', 'en'],
  ['Elections and Social Media in Latin America', 'en'],
  ['Affective Polarisation on Twitter/X\nWe measure hostility between political communities with 40 million posts.', 'en'],
  ['Open Census Data', 'en'],
  ["Best master's thesis award\nCamila Valdés received the award of the Sociedad Chilena de Sociología for her thesis on the digital divide.", 'en'],
  ['Encuestas Abiertas: an open platform for survey microdata\nWe publish cleaned public opinion surveys with codebooks and example code.', 'en'],
  ['Text as Data in Political Science', 'en'],
  ['Deep learning', 'en'],
  ['Datos', 'es'],
  ['Panel data models for labour economics\nLecture notes and replication code for the doctoral course.', 'en'],
  ['Los efectos del salario mínimo en el empleo juvenil', 'es'],
];

// The model's text: intro, why and summary lines, each in the language it is written in; the first eleven
// are the Ollama stand-in's and the validation tests' own lines.
export const LINES: Sample[] = [
  ["Welcome to this month's digest. We picked 3 items for you from the work of the lab.", 'en'],
  ['Item 5 is relevant to the topics that you follow and to the work of your group.', 'en'],
  ['A short summary of item 3 in English for the readers of this digest.', 'en'],
  ['Bienvenido al boletín de este mes. Hemos elegido 3 novedades para ti entre el trabajo del laboratorio.', 'es'],
  ['El elemento 5 es relevante para los temas que sigues y para el trabajo de tu grupo.', 'es'],
  ['Un resumen breve del elemento 3 en español para los lectores de este boletín.', 'es'],
  ['Here is what the lab did this month, picked for the topics you follow.', 'en'],
  ['It is about the elections that you follow.', 'en'],
  ['A study of the vote.', 'en'],
  ['Este mes el laboratorio publica dos estudios sobre las elecciones y las redes.', 'es'],
  ['Trata de "The Network of the Vote", que sigues de cerca.', 'es'],
  // Written for this comparison.
  ['This month the lab published two papers on elections and a new dataset on job advertisements.', 'en'],
  ['A busy month: two new publications, a grant and a workshop on survey methods.', 'en'],
  ['If you follow school choice, this simulator lets you test admission rules before they are enacted.', 'en'],
  ['It shows how metro lines changed segregation in Santiago, a topic close to your interest in cities.', 'en'],
  ['The paper "La brecha digital en la educación secundaria chilena" measures how home internet shaped learning.', 'en'],
  ['Relevant for anyone who works with survey data.', 'en'],
  ['Useful for your work on elections.', 'en'],
  ['A new dataset.', 'en'],
  ['Good news for the team.', 'en'],
  ['It compares language models with human coders on open-ended answers.', 'en'],
  ['We think you will like the new open data platform, Encuestas Abiertas, built for students.', 'en'],
  ['Camila Valdés and María González discuss results from Chile and Colombia.', 'en'],
  ['Este mes el laboratorio publicó dos artículos sobre elecciones y un nuevo conjunto de datos sobre avisos laborales.', 'es'],
  ['Un mes intenso: dos publicaciones nuevas, un fondo y un taller sobre métodos de encuesta.', 'es'],
  ['Si sigues la elección escolar, este simulador permite probar reglas de admisión antes de aplicarlas.', 'es'],
  ['Muestra cómo las líneas de metro cambiaron la segregación en Santiago, un tema cercano a tu interés por las ciudades.', 'es'],
  ['El artículo "Public Transport and Residential Segregation: Evidence from Santiago" mide el efecto del metro.', 'es'],
  ['Útil para quienes trabajan con encuestas.', 'es'],
  ['Interesante para tu trabajo sobre elecciones.', 'es'],
  ['Un nuevo conjunto de datos.', 'es'],
  ['Buenas noticias para el equipo.', 'es'],
  ['Compara modelos de lenguaje con codificadores humanos en respuestas abiertas.', 'es'],
  ['Creemos que te gustará "A Multilingual Dataset of Skills in Job Advertisements", publicado este mes.', 'es'],
  ['Camila Valdés y María González discuten resultados de Chile y Colombia.', 'es'],
  ['Machine learning aplicado a datos de encuestas.', 'es'],
  ['Sobre big data y políticas públicas.', 'es'],
  ['Hola.', 'es'],
  ['Datos.', 'es'],
];
