import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
};

/** Whether the tab is showing: what happens while it is hidden has not been seen. */
export const useDocumentVisible = () =>
  useSyncExternalStore(subscribe, () => document.visibilityState === 'visible');
