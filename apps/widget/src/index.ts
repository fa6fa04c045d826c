import { mountChat } from './chat/mount-chat.ts';

// chat.js: hands its mount function to the loader that injected it. Loaded
// without the loader (or twice), it does nothing.
window.__companeroChat?.(mountChat);
