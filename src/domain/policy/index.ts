// Public surface of the policy model: schemas and types for every policy
// file, the Policy bundle, cross-file checks and the postcode-to-area lookup.
export * from './vocabulary.js';
export * from './sources.js';
export * from './condition.js';
export * from './catalogue.js';
export * from './levels.js';
export * from './areas.js';
export * from './service-rule.js';
export * from './service-pack.js';
export * from './policy.js';
export * from './cross-check.js';
export * from './issues.js';
export * from './template.js';
export * from './serves-area.js';
