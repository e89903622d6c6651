export * from './types.js';
export * from './builtin-roles.js';
export * from './core-catalogue.js';
export * from './catalogue.js';
export * from './define-rules.js';
export * from './escalation.js';
export * from './principals.js';
export * from './operator-roles.js';
