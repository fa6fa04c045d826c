export * from './api-keys.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './common.ts';
export * from './conversations.ts';
export * from './end-users.ts';
export * from './errors.ts';
export * from './system.ts';
