import type { FallbackPhrases } from '../language-pack.js';

/** The English phrases of the composer that works without the model. */
export const fallback: FallbackPhrases = {
  intro: (n, labels) =>
    labels.length
      ? `This month's digest brings ${n} new ${n === 1 ? 'item' : 'items'} from the lab on the topics you follow: ${labels.join(', ')}.`
      : `This month's digest brings ${n} new ${n === 1 ? 'item' : 'items'} from the lab.`,
  teamOnlyIntro: "This month's digest introduces the people who joined the lab.",
  welcome: (name, role) => (role ? `Welcome to ${name}, who joins the lab as ${role}.` : `Welcome to ${name}, who joins the lab.`),
};
