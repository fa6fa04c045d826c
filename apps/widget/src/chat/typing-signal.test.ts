import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingSignal, TYPING_IDLE_MS } from './typing-signal.ts';

describe('the visitor’s typing signal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says typing at most every 3 s while keys are pressed', () => {
    const sent: boolean[] = [];
    const signal = createTypingSignal((typing) => sent.push(typing));
    for (let key = 0; key < 20; key++) {
      signal.input();
      vi.advanceTimersByTime(400); // 8 s of typing in all
    }
    expect(sent).toEqual([true, true, true]);
  });

  it('says stopped after 5 s without a keystroke, once', () => {
    const sent: boolean[] = [];
    const signal = createTypingSignal((typing) => sent.push(typing));
    signal.input();
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([true, false]);
  });

  it('says stopped at once when the message is sent, and nothing when not typing', () => {
    const sent: boolean[] = [];
    const signal = createTypingSignal((typing) => sent.push(typing));
    signal.stop();
    expect(sent).toEqual([]);
    signal.input();
    signal.stop();
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent).toEqual([true, false]);
  });
});
