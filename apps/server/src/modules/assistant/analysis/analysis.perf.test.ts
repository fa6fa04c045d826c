import { describe, expect, it } from 'vitest';
import { analyzeSentiment, detectCrisis, detectLanguage, extractMemoryFacts } from './index.ts';

// Hazard: a regex that backtracks badly, or a lexicon rebuilt per call, turns a per-message check into a
// bottleneck. The message is about 500 characters and deliberately rich in facts, feelings and
// near-crisis words, so that every rule that can match does. Budget: 2,000 calls in under a second
// (0.5 ms a call; about 0.03 to 0.15 ms on a laptop).
const MESSAGE = [
  "Hi coach! I'm Ana and I live in Madrid. This week was really hard: I skipped two workouts, my knee hurts",
  'after running and I have not slept well at all. I want to lose 5 kg by summer but honestly I feel a bit',
  'stuck and tired. Anyway, I did enjoy the yoga session on Tuesday 🙂 and I prefer morning workouts. Is it',
  "bad to eat late at night? Also I'm allergic to nuts. Ah, y el lunes no puedo entrenar, trabajo de noche.",
  'What time is the session on Monday? Thanks a lot for everything!! 💪',
].join(' ');

describe('analysis speed', () => {
  it.each([
    ['detectLanguage', () => detectLanguage(MESSAGE)],
    ['analyzeSentiment', () => analyzeSentiment(MESSAGE)],
    ['detectCrisis', () => detectCrisis(MESSAGE)],
    ['extractMemoryFacts', () => extractMemoryFacts(MESSAGE)],
  ])('runs %s 2,000 times on a 500-character message in under a second', (_, analyse) => {
    expect(MESSAGE.length).toBeGreaterThanOrEqual(480);
    expect(MESSAGE.length).toBeLessThanOrEqual(520);
    for (let i = 0; i < 50; i++) analyse(); // let the JIT settle, so the budget measures steady state
    // CPU time, not wall time: a busy CI machine that deschedules the test must not fail it.
    const started = process.cpuUsage();
    for (let i = 0; i < 2000; i++) analyse();
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(1000);
  });
});
