import type { FallbackPhrases } from '../language-pack.js';

/** The Spanish phrases of the composer that works without the model. */
export const fallback: FallbackPhrases = {
  intro: (n, labels) =>
    labels.length
      ? `El boletín de este mes trae ${n} ${n === 1 ? 'novedad' : 'novedades'} del laboratorio sobre los temas que sigues: ${labels.join(', ')}.`
      : `El boletín de este mes trae ${n} ${n === 1 ? 'novedad' : 'novedades'} del laboratorio.`,
  teamOnlyIntro: 'El boletín de este mes presenta a las personas que se han incorporado al laboratorio.',
  welcome: (name, role) =>
    role ? `Damos la bienvenida a ${name}, que se incorpora al laboratorio como ${role}.` : `Damos la bienvenida a ${name}, que se incorpora al laboratorio.`,
};
