/**
 * The languages labdigest writes in: one line per language, its pack exported under its code (the ISO
 * 639-1 code stored with subscribers and items and accepted in `?lang=`). Everything else (the Language
 * type, form choices, Accept-Language, templates, detection) follows from this list.
 */
export { en } from './en/index.js';
export { es } from './es/index.js';
