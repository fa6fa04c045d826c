export * from './conversations.ts';
export * from './identity.ts';
