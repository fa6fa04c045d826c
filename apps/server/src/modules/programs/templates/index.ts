import type { Locale } from '@companero/contracts';
import { FITNESS_30_DAYS } from './fitness-30-days.ts';
import type { ProgramTemplateEntry } from './flow.ts';
import { HABIT_21_DAYS } from './habit-21-days.ts';
import { MINDSET_JOURNAL } from './mindset-journal.ts';
import { ONBOARDING_QUESTIONNAIRE } from './onboarding-questionnaire.ts';
import { WEEKLY_CHECKIN } from './weekly-checkin.ts';

export type { ProgramTemplateEntry } from './flow.ts';

/** Ready-made programs, each in English and Spanish (same `key`, one entry per language). */
export const PROGRAM_TEMPLATES: ReadonlyArray<ProgramTemplateEntry> = [
  ...HABIT_21_DAYS,
  ...WEEKLY_CHECKIN,
  ...ONBOARDING_QUESTIONNAIRE,
  ...FITNESS_30_DAYS,
  ...MINDSET_JOURNAL,
];

/** The template with this key in this language, if any. Callers clone the definition before editing it. */
export function findTemplate(key: string, language: Locale): ProgramTemplateEntry | undefined {
  return PROGRAM_TEMPLATES.find((t) => t.key === key && t.language === language);
}
