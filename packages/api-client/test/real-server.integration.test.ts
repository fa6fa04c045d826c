import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../apps/server/src/testing/create-test-app.ts';
import { signUpAndLogIn } from '../../../apps/server/src/testing/http.ts';
import { uploadAndIndex } from '../../../apps/server/src/testing/knowledge.ts';
import { createApiClient } from '../src/index.ts';

// The typed client (packages/api-client) against the real server over HTTP:
// every answer is checked against the contracts, so drift fails here.

let t: TestApp;
let api: ReturnType<typeof createApiClient>;

beforeAll(async () => {
  t = await createTestApp({}, { worker: true });
  const creator = await signUpAndLogIn(t.app, t.mailer);
  await uploadAndIndex(t.app, creator, [
    { name: 'sleep.md', content: '# Sleep\n\nAdults need seven to nine hours of sleep every night.\n' },
  ]);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  api = createApiClient({
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    getAccessToken: () => creator.accessToken,
  });
}, 60_000);
afterAll(() => t?.close());

describe('api-client: the AI coach', () => {
  it('configures the coach, talks in the playground, rates, corrects and reads the transcript', async () => {
    expect((await api.assistant.status()).mode).toBe('offline');
    const voice = await api.assistant.updatePersonality({ coachName: 'Coach Ana', signOff: 'Sleep well!' });
    expect(voice.coachName).toBe('Coach Ana');
    const settings = await api.assistant.updateSettings({ monthlyTokenBudget: 100_000 });
    expect(settings.monthlyTokenBudget).toBe(100_000);

    const { conversationId, endUserId } = await api.assistant.startPlayground({ tags: [] });
    const sent = await api.conversations.send(
      conversationId,
      { content: 'How many hours of sleep do adults need? My name is Eva.' },
      { debug: true },
    );
    expect(sent.reply?.content).toContain('seven to nine hours');
    expect(sent.reply?.content).toContain('Sleep well!');
    expect(sent.debug?.passages[0]?.documentTitle).toBe('sleep');

    const rated = await api.assistant.rate(sent.reply!.id, { rating: 'up' });
    expect(rated.feedback?.rating).toBe('up');
    const correction = await api.assistant.correct(
      sent.reply!.id,
      'Most adults need 7–9 hours; teens need more.',
    );
    expect((await api.assistant.corrections()).items[0]?.id).toBe(correction.id);

    const transcript = await api.conversations.messages(conversationId);
    expect(transcript.items.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect((await api.assistant.memories(endUserId)).items.map((m) => m.key)).toContain('name');
    expect((await api.assistant.forget(endUserId)).deleted).toBeGreaterThan(0);
    expect((await api.assistant.alerts({ open: true })).items).toEqual([]);

    // Human handoff: write as the creator (takes over), hand back.
    const mine = await api.conversations.sendAsCreator(conversationId, { content: 'Coach here, in person.' });
    expect(mine.role).toBe('creator');
    expect((await api.conversations.setStatus(conversationId, 'bot')).status).toBe('bot');
  });
});

describe('api-client: coaching programs', () => {
  it('creates from a template, validates, simulates, publishes, enrolls, answers and reads the stats', async () => {
    const templates = await api.programs.templates();
    const habit = templates.find((x) => x.key === 'habit-21-days' && x.language === 'en');
    expect(habit?.nodeCount).toBeGreaterThan(5);
    const program = await api.programs.create({ name: habit!.name, templateKey: habit!.key, language: 'en' });
    expect(program.validation.valid).toBe(true);
    expect((await api.programs.validate(program.draft)).valid).toBe(true);
    const sim = await api.programs.simulate(program.id, { mode: 'all_branches' });
    expect(sim.unreachedNodeIds).toEqual([]);
    const renamed = await api.programs.update(program.id, { name: 'Habit builder' });
    expect(renamed.name).toBe('Habit builder');
    expect((await api.programs.publish(program.id, { note: 'v1' })).version).toBe(1);
    expect((await api.programs.versions(program.id)).map((v) => v.version)).toEqual([1]);
    expect((await api.programs.version(program.id, 1)).definition.nodes.length).toBe(
      program.draft.nodes.length,
    );
    expect((await api.programs.list()).items.map((p) => p.id)).toContain(program.id);

    const { endUserId } = await api.assistant.startPlayground({ tags: [] });
    const enrolled = await api.programs.enroll(program.id, { endUserId });
    expect(enrolled.outputs.length).toBeGreaterThan(0);
    const answer = await api.programs.input(enrolled.enrollment.id, { text: '1', messageId: 'client-1' });
    expect(answer.applied).toBe(true);
    expect((await api.programs.enrollment(enrolled.enrollment.id)).steps.length).toBeGreaterThan(2);
    expect((await api.programs.enrollments(program.id)).items[0]?.endUserId).toBe(endUserId);
    expect((await api.programs.stats(program.id)).enrolled).toBe(1);
    expect((await api.programs.exit(enrolled.enrollment.id)).status).toBe('exited');
    await api.programs.delete(program.id);
    expect((await api.programs.list()).items.map((p) => p.id)).not.toContain(program.id);
  });
});
