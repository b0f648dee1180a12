import type { Language } from '../i18n/languages.js';

/** Bumped whenever the wording below changes, so each consent record says which text the reader saw. */
export const CONSENT_VERSION = '2026-11-1';

/** What the reader agrees to when ticking the box, quoted on the form and stored in the consent log. */
export const CONSENT_TEXT: Record<Language, string> = {
  en:
    'I agree to receive a monthly email digest from this research group about the topics I chose. ' +
    'My address and choices are stored only to send it; I can change them, download my data, ' +
    'unsubscribe or delete my data at any time through the link in every email.',
  es:
    'Acepto recibir un resumen mensual por correo electrónico de este grupo de investigación sobre los temas ' +
    'que he elegido. Mi dirección y mis elecciones se guardan solo para enviarlo; puedo cambiarlas, descargar ' +
    'mis datos, darme de baja o borrar mis datos en cualquier momento con el enlace de cada correo.',
};

/** Form id recorded when the signup came through our own page. */
export const DEFAULT_FORM_ID = 'subscribe-page';
/** Form id recorded when the signup came as JSON without a `form` field. */
export const DEFAULT_API_FORM_ID = 'api';
