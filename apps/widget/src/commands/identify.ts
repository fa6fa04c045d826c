import type { IdentifyInput } from '../bridge.ts';
import { withChat } from '../loader/load-chat.ts';
import type { LoaderState } from '../loader/loader-state.ts';

/** `Companero.identify({ name, email })`: names the visitor in the creator's inbox once the chat has started. */
export const identify = (state: LoaderState, input: IdentifyInput) =>
  withChat(state, (chat) => chat.identify(input), false);
