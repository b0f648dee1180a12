import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { loadCandidates } from '../digests/candidate-items.js';
import type { Digest } from '../digests/digest-repository.js';
import { candidatesFor, windowItems, windowOfDigest } from '../digests/window-items.js';
import type { Language } from '../i18n/languages.js';
import { composeFallback } from '../llm/fallback-composer.js';
import { fillDigest, type ProfileRender, renderDigestProfile } from '../mail/digest-email.js';
import { digestEmailModel } from '../mail/digest-email-model.js';
import { newTeamMembers } from '../people/new-people.js';
import { ownerTemplates } from '../review/owner-templates.js';
import { noTopicsProfile } from './archive-repository.js';

/** A digest as the archive shows it in one language: the email with a stand-in reader, and its intro. */
export interface ArchiveIssue {
  subject: string;
  html: string;
  text: string;
  /** The email's intro: the feed's summary. */
  intro: string;
  /** `profile`: exactly what readers with no topics received; `fallback`: rebuilt from the items, without the model. */
  source: 'profile' | 'fallback';
}

/**
 * What a reader with no topics would have received when nobody did: the same candidates (every item of
 * the window and the events coming up), the same new team members, ranked and written by the
 * deterministic composer (the items' own summaries, the fixed intro and welcomes). No model text goes
 * public that no reader got and no editor saw.
 */
async function fallbackIssue(db: DbOrTx, config: Config, digest: Digest, language: Language): Promise<{ render: ProfileRender; intro: string }> {
  const window = windowOfDigest(db, digest);
  const candidates = loadCandidates(
    db,
    candidatesFor([], windowItems(db, window)).map((i) => i.id),
    digest.windowEnd,
  );
  const people = newTeamMembers(db, window);
  const composed = composeFallback({ language, topics: [], candidates, people });
  const job = { language, period: digest.period, candidates, topics: [], people, timeZone: config.TIME_ZONE };
  const tailored = { ...composed, composedWith: 'fallback' as const, llmCalls: 0, llmError: null, newSummaries: {} };
  const render = renderDigestProfile(await ownerTemplates(config), digestEmailModel(job, tailored));
  return { render, intro: composed.intro };
}

/**
 * A published digest in one language, filled for nobody: the neutral greeting and the public pages
 * (/manage, where a reader asks for their own links) in place of a reader's name and signed links.
 */
export async function archiveIssue(db: DbOrTx, config: Config, digest: Digest, language: Language): Promise<ArchiveIssue> {
  const profile = noTopicsProfile(db, digest.id, language);
  const { render, intro, source } = profile?.render
    ? { render: profile.render, intro: profile.text?.intro.text ?? '', source: 'profile' as const }
    : { ...(await fallbackIssue(db, config, digest, language)), source: 'fallback' as const };
  const manage = `${config.PUBLIC_URL}/manage?lang=${language}`;
  const filled = fillDigest(render, { name: null, preferencesUrl: manage, unsubscribeUrl: manage });
  return { ...filled, intro, source };
}
