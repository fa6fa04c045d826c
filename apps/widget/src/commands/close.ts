import { withChat } from '../loader/load-chat.ts';
import type { LoaderState } from '../loader/loader-state.ts';

/** `Companero.close()`: hides the chat (the connection stays, so replies still count as unread). */
export const close = (state: LoaderState) => withChat(state, (chat) => chat.close(), false);
