import type { FallbackPhrases } from '../language-pack.js';

/** The Spanish phrases of the composer that works without the model. */
export const fallback: FallbackPhrases = {
  intro: (n, labels) =>
    labels.length
      ? `El boletín de este mes trae ${n} ${n === 1 ? 'novedad' : 'novedades'} del laboratorio sobre los temas que sigues: ${labels.join(', ')}.`
      : `El boletín de este mes trae ${n} ${n === 1 ? 'novedad' : 'novedades'} del laboratorio.`,
};
