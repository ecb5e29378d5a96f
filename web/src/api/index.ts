// The typed client for the Webcare HTTP API v1, one module per area; `import ... from './api'`
// sees them as one.

export { ApiError, currentSession, isAbort, login, logout, onUnauthenticated } from './http';
export type { Session } from './http';
export * from './types';
export * from './conversations';
export * from './streams';
export * from './review';
export * from './followUps';
export * from './sla';
export * from './canned';
export * from './bulk';
