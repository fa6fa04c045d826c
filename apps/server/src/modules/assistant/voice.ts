import type { Personality } from '@companero/contracts';
import type { PersonalityRow } from './assistant.repository.ts';
import type { Voice } from './offline-composer.ts';

/** A creator's personality as the engine uses it; defaults when none was saved yet. */
export function toVoice(row: PersonalityRow | undefined): Voice {
  return {
    coachName: row?.coachName ?? '',
    language: row?.language ?? 'auto',
    greeting: row?.greeting ?? '',
    signOff: row?.signOff ?? '',
    tone: row?.tone ?? [],
    style: row?.style ?? '',
    expertise: row?.expertise ?? [],
    dos: row?.dos ?? [],
    donts: row?.donts ?? [],
    exampleReplies: row?.exampleReplies ?? [],
  };
}

export function toPersonality(row: PersonalityRow | undefined): Personality {
  return { ...toVoice(row), updatedAt: row?.updatedAt.toISOString() ?? null };
}
