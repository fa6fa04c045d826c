import { withChat } from '../loader/load-chat.ts';
import type { LoaderState } from '../loader/loader-state.ts';

/** `Companero.toggle()`, also what the launcher does. */
export const toggle = (state: LoaderState) => withChat(state, (chat) => chat.toggle(), true);
