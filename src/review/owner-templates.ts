import type { Config } from '../config.js';
import { createTemplateCache, type TemplateCache } from '../mail/template-cache.js';

const caches = new Map<string, Promise<TemplateCache>>();

/**
 * The compiled templates of the process that owns the database, for rendering a profile again after an
 * editor's change or at approval (the workers keep their own). Compiled once per brand, on first use.
 */
export function ownerTemplates(config: Pick<Config, 'ORG_NAME' | 'ORG_POSTAL_ADDRESS' | 'CONTACT_EMAIL'>): Promise<TemplateCache> {
  const brand = { ORG_NAME: config.ORG_NAME, ORG_POSTAL_ADDRESS: config.ORG_POSTAL_ADDRESS, CONTACT_EMAIL: config.CONTACT_EMAIL };
  const key = JSON.stringify(brand);
  let cache = caches.get(key);
  if (!cache) {
    cache = createTemplateCache(brand);
    // A failed compile is not kept: the next call tries again.
    cache.catch(() => caches.delete(key));
    caches.set(key, cache);
  }
  return cache;
}
