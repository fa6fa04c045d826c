import { unreadStorageKey, visitorStorageKey } from '../bridge.ts';
import type { LoaderState } from '../loader/loader-state.ts';
import { writeStorage } from '../storage.ts';

/** `Companero.reset()`: forgets this visitor (a shared computer, a logout); the next chat is a new conversation. */
export function reset(state: LoaderState): void {
  if (state.chat) {
    state.chat.reset();
    return;
  }
  const key = state.options?.key;
  if (!key) return;
  writeStorage('local', visitorStorageKey(key), null);
  writeStorage('session', unreadStorageKey(key), null);
  state.launcher?.setUnread(0);
}
