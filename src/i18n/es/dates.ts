import type { DateFormats } from '../language-pack.js';

/** Spanish month names and date formats (capitalised: the digest subject starts with the month). */
export const dates: DateFormats = {
  months: ['Enero', 'Febrero', 'Marzo', 'Abril', 'Mayo', 'Junio', 'Julio', 'Agosto', 'Septiembre', 'Octubre', 'Noviembre', 'Diciembre'],
};
