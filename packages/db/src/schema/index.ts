export * from './assistant.ts';
export * from './conversations.ts';
export * from './identity.ts';
export * from './knowledge.ts';
export * from './programs.ts';
export * from './whatsapp.ts';
export * from './widget.ts';
