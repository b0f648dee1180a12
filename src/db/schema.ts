/**
 * The database schema, one file per area under schema/ (drizzle-kit reads this file and finds every table
 * through these re-exports; migrations/ is generated from it).
 */
export * from './schema/bounces.js';
export * from './schema/console.js';
export * from './schema/content.js';
export * from './schema/digests.js';
export * from './schema/readers.js';
