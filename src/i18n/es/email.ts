import type { EmailStrings } from '../email-strings.js';
import { dates } from './dates.js';

/** Spanish text of the emails. */
export const email: EmailStrings = {
  greeting: 'Hola, {name}:',
  greetingNoName: 'Hola:',
  layout: {
    preferences: 'Cambia tus temas o idioma, o pausa el boletín',
    unsubscribe: 'Darse de baja',
    why: 'Recibes este correo porque te suscribiste a las novedades de {org}.',
    contact: 'Contacto',
  },
  confirm: {
    subject: 'Confirma tu suscripción a {org}',
    preview: 'Un clic para empezar a recibir el boletín mensual de {org}.',
    body: 'Confirma que quieres recibir el boletín mensual de {org}: nuevos proyectos, publicaciones y noticias sobre los temas que elegiste.',
    button: 'Confirmar mi suscripción',
    orPaste: 'Si el botón no funciona, copia este enlace en tu navegador:',
    ignore: 'Si no lo pediste, ignora este correo: no quedarás suscrito y no volveremos a escribirte.',
  },
  manage: {
    subject: 'Tu enlace para gestionar tu suscripción a {org}',
    preview: 'Cambia tus temas o idioma, pausa o date de baja.',
    body: 'Este es tu enlace personal para cambiar tus temas o idioma, pausar el boletín, descargar o borrar tus datos.',
    button: 'Gestionar mis preferencias',
    orPaste: 'Si el botón no funciona, copia este enlace en tu navegador:',
    personal: 'Este enlace es personal: no reenvíes este correo.',
    ignore: 'Si no pediste este enlace, puedes ignorar este correo.',
  },
  dataExport: {
    subject: 'Tus datos en {org}',
    preview: 'Tu enlace para descargar tus datos; funciona durante 24 horas.',
    body: 'Pediste descargar los datos que {org} guarda sobre tu suscripción. Este enlace funciona durante 24 horas.',
    button: 'Descargar mis datos',
    orPaste: 'Si el botón no funciona, copia este enlace en tu navegador:',
    personal: 'El archivo contiene tus datos personales: no reenvíes este correo.',
    ignore: 'Si no lo pediste, puedes ignorar este correo: el enlace deja de funcionar por sí solo.',
  },
  digest: {
    subject: '{month} de {year} en {org}: {counts}',
    subjectEmpty: '{month} de {year} en {org}',
    months: dates.months,
    counts: {
      publication: { one: '{n} publicación', other: '{n} publicaciones' },
      project: { one: '{n} proyecto', other: '{n} proyectos' },
      news: { one: '{n} noticia', other: '{n} noticias' },
      event: { one: '{n} evento', other: '{n} eventos' },
      newcomer: { one: '{n} persona nueva en el equipo', other: '{n} personas nuevas en el equipo' },
    },
    headings: { publication: 'Publicaciones', project: 'Proyectos', news: 'Noticias', upcoming: 'Próximamente', team: 'Nuevas personas en el equipo' },
    where: 'Lugar:',
    photo: 'Foto',
    heading: 'Novedades de {org}',
    authors: 'De',
    etAl: 'y otros',
    venue: 'En',
    doi: 'DOI',
    read: 'Leer más',
    matchedTopics: 'Tus temas',
    external: 'Trabajo de colaboradores externos',
    llmNote:
      'Este boletín se redactó con un modelo de lenguaje que funciona en ordenadores de {org}: nada sobre ti se envió a un servicio externo. Los títulos, autores y enlaces salen de nuestros registros; las notas breves las escribió el modelo y pueden contener errores.',
    fallbackNote: 'Este boletín se compuso automáticamente a partir de nuestros registros, sin el modelo de lenguaje.',
    reviewedNote: 'Antes de enviarlo, las personas de {org} revisaron y aprobaron este boletín.',
    reportError: '¿Ves un error? Avísanos en {contact}.',
  },
  review: {
    testPrefix: '[Prueba] ',
    readySubject: 'El boletín {period} de {org} está listo para revisar',
    readyBody:
      'El boletín {period} está compuesto: {profiles} versiones del texto para {readers} lectores. No se envía nada hasta que un administrador lo apruebe.',
    readyLink: 'Revíselo y apruébelo aquí:',
  },
};
