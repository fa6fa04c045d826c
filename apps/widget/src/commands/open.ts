import { withChat } from '../loader/load-chat.ts';
import type { LoaderState } from '../loader/loader-state.ts';

/** `Companero.open()`: loads the chat if needed and shows it. */
export const open = (state: LoaderState) => withChat(state, (chat) => chat.open(), true);
