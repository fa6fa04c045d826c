import { useEffect, useState } from 'react';

/** Copies text; `state` says how it went, and falls back to idle after a moment. */
export function useCopyToClipboard() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return {
    state,
    copy: async (text: string) => {
      try {
        // Only in secure contexts (https, localhost); elsewhere the creator selects and copies by hand.
        await navigator.clipboard.writeText(text);
        setState('copied');
      } catch {
        setState('failed');
      }
    },
  };
}
