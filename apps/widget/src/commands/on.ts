import type { WidgetEventName, WidgetListener } from '../bridge.ts';
import type { LoaderState } from '../loader/loader-state.ts';

/** `Companero.on(event, listener)`: works before the chat has loaded; answers the unsubscribe. */
export function on<E extends WidgetEventName>(
  state: LoaderState,
  event: E,
  listener: WidgetListener<E>,
): () => void {
  let listeners = state.listeners.get(event);
  if (!listeners) {
    listeners = new Set();
    state.listeners.set(event, listeners);
  }
  const stored = listener as (payload: never) => void;
  listeners.add(stored);
  return () => listeners.delete(stored);
}
