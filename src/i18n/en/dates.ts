import type { DateFormats } from '../language-pack.js';

/** English month names and date formats. */
export const dates: DateFormats = {
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
