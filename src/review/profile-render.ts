import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { loadCandidates } from '../digests/candidate-items.js';
import { profileTopics } from '../digests/compose-jobs.js';
import type { Digest } from '../digests/digest-repository.js';
import { type ProfileRender, renderDigestProfile } from '../mail/digest-email.js';
import { emailModelOfText } from '../mail/digest-email-model.js';
import type { TemplateCache } from '../mail/template-cache.js';
import { loadTeamMembers } from '../people/new-people.js';
import type { Profile } from './profile-repository.js';
import type { ProfileText } from './profile-text.js';
import type { ProfileGrounds } from './profile-text-build.js';

/** The new team members a profile's text welcomes, as the database holds them now. */
function peopleOf(db: DbOrTx, text: ProfileText | null) {
  return loadTeamMembers(
    db,
    (text?.people ?? []).map((p) => p.id),
  );
}

/** What the profile's lines may draw on: the items offered to the model (all candidates when unknown), the people welcomed, its topics and the lab's name. */
export function groundsOf(db: DbOrTx, config: Pick<Config, 'ORG_NAME' | 'TIME_ZONE'>, digest: Digest, profile: Profile): ProfileGrounds {
  const offered = profile.itemHashes ? Object.keys(profile.itemHashes).map(Number) : profile.candidateIds;
  const ids = [...new Set([...offered, ...(profile.text?.items.map((i) => i.id) ?? [])])];
  return {
    language: profile.language,
    topics: profileTopics(db, profile),
    candidates: loadCandidates(db, ids, digest.windowEnd),
    orgName: config.ORG_NAME,
    people: peopleOf(db, profile.text),
    timeZone: config.TIME_ZONE,
  };
}

/** A profile's email rendered from its text (reader slots left open), as the compose worker renders it. */
export function renderProfile(
  db: DbOrTx,
  config: Pick<Config, 'TIME_ZONE'>,
  templates: TemplateCache,
  digest: Digest,
  profile: Pick<Profile, 'language' | 'topicSlugs' | 'composedWith'>,
  text: ProfileText,
  reviewed: boolean,
): ProfileRender {
  const candidates = loadCandidates(
    db,
    text.items.map((i) => i.id),
    digest.windowEnd,
  );
  const job = {
    language: profile.language,
    period: digest.period,
    candidates,
    topics: profileTopics(db, profile),
    people: peopleOf(db, text),
    timeZone: config.TIME_ZONE,
  };
  return renderDigestProfile(templates, emailModelOfText(job, text, profile.composedWith ?? 'fallback', reviewed));
}
