import type { ProfileRender } from '../mail/digest-email.js';

/**
 * A send worker's copy of the profile renders it has met, so a batch costs no Redis read for its render
 * after the first of its profile. Bounded (least recently used goes first): memory grows with the
 * profiles being sent, never with readers. A render does not change once sending has begun (an
 * editor's changes end with the approval), so a cached one is never stale.
 */
export interface RenderCache {
  get(digestKey: string, profileKey: string): ProfileRender | null;
  set(digestKey: string, profileKey: string, render: ProfileRender): void;
}

/** A render cache of at most `max` profiles. */
export function createRenderCache(max = 64): RenderCache {
  const entries = new Map<string, ProfileRender>();
  const keyOf = (digestKey: string, profileKey: string) => `${digestKey}:${profileKey}`;
  return {
    get(digestKey, profileKey) {
      const key = keyOf(digestKey, profileKey);
      const render = entries.get(key);
      if (!render) return null;
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      entries.delete(key);
      entries.set(key, render);
      return render;
    },
    set(digestKey, profileKey, render) {
      const key = keyOf(digestKey, profileKey);
      entries.delete(key);
      entries.set(key, render);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
  };
}
