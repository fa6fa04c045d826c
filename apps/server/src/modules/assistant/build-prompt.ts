import type { ChatTurn } from '../../platform/ai/ai-gateway.ts';
import type { ReplyLanguage, Voice } from './offline-composer.ts';

export interface PromptPassage {
  n: number;
  title: string;
  kind: 'document' | 'correction';
  content: string;
}

/** Rough token count (≈ 4 characters per token for English and Spanish). */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

const list = (items: readonly string[]) => items.map((x) => `- ${x}`).join('\n');

/**
 * The system prompt: who the coach is and how they sound, what the model may
 * use (numbered passages, memory, summary), and the grounding rules. Passages
 * are added best first until `passageBudget` tokens are used.
 */
export function buildSystemPrompt(input: {
  voice: Voice;
  language: ReplyLanguage;
  passages: readonly PromptPassage[];
  memory: readonly string[];
  summary: string | null;
  firstTurn: boolean;
  passageBudget?: number;
  /** A coaching program's ai step: what this part of the conversation is for. */
  goal?: string | undefined;
}): { system: string; passagesUsed: number[] } {
  const { voice } = input;
  const name = voice.coachName.trim() || 'the coach';
  const sections: string[] = [
    `You are ${name}, a coach talking with one of your clients. You answer as ${name}, in the first person.`,
    `Reply in ${input.language === 'es' ? 'Spanish' : 'English'}.`,
  ];
  if (voice.tone.length) sections.push(`Tone: ${voice.tone.join(', ')}.`);
  if (voice.style.trim()) sections.push(`Writing style: ${voice.style.trim()}`);
  if (voice.expertise.length) sections.push(`Your areas of expertise: ${voice.expertise.join(', ')}.`);
  if (voice.dos.length) sections.push(`Always:\n${list(voice.dos)}`);
  if (voice.donts.length) sections.push(`Never:\n${list(voice.donts)}`);
  if (voice.exampleReplies.length)
    sections.push(
      `Examples of how you answer:\n${voice.exampleReplies.map((e) => `Client: ${e.question}\nYou: ${e.answer}`).join('\n\n')}`,
    );
  if (input.firstTurn && voice.greeting.trim())
    sections.push(`Open the conversation with: "${voice.greeting.trim()}"`);
  if (voice.signOff.trim()) sections.push(`End answers with: "${voice.signOff.trim()}"`);
  if (input.goal?.trim())
    sections.push(
      `This conversation is a step of the client's coaching program. Your goal in it: ${input.goal.trim()}\nGuide the client toward it with one question or suggestion at a time.`,
    );

  sections.push(
    [
      'Rules:',
      '- Answer only from the numbered passages below (your own material) and what the client told you.',
      '- Cite the passages you use with their number in brackets, e.g. [1], right after the sentence.',
      '- A passage marked "correction" is your own corrected answer to a similar question: prefer it.',
      '- If the passages do not answer the question, say plainly that you do not have material on it. Do not invent facts, numbers or advice.',
      '- Never give medical diagnoses; for health emergencies tell the client to contact emergency services.',
      '- Keep replies short enough for a chat message.',
    ].join('\n'),
  );
  if (input.memory.length) sections.push(`What you know about this client:\n${list(input.memory)}`);
  if (input.summary) sections.push(`Summary of the conversation so far:\n${input.summary}`);

  const budget = input.passageBudget ?? 2500;
  let used = 0;
  const passagesUsed: number[] = [];
  const blocks: string[] = [];
  for (const p of input.passages) {
    const cost = estimateTokens(p.content);
    if (used + cost > budget && blocks.length > 0) break;
    used += cost;
    passagesUsed.push(p.n);
    blocks.push(`[${p.n}] ${p.kind === 'correction' ? '(correction) ' : ''}${p.title}\n${p.content}`);
  }
  sections.push(
    blocks.length ? `Passages:\n\n${blocks.join('\n\n')}` : 'Passages: none were found for this question.',
  );
  return { system: sections.join('\n\n'), passagesUsed };
}

/** The newest turns that fit in `budget` tokens, oldest first. */
export function fitHistory(turns: readonly ChatTurn[], budget: number): ChatTurn[] {
  const out: ChatTurn[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const cost = estimateTokens(turn.content) + 4;
    if (used + cost > budget && out.length > 0) break;
    used += cost;
    out.unshift(turn);
  }
  // Providers want the conversation to start with the user.
  while (out.length > 1 && out[0]!.role !== 'user') out.shift();
  return out;
}
