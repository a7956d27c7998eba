// Public surface of the understanding engine: the phrase book's shape, the
// engine, intents, interpretation, suggestions and scoring.
export * from './phrase-book.js';
export * from './engine.js';
export * from './intents.js';
export * from './interpret.js';
export * from './suggestions.js';
export * from './scoring.js';
export type { SpokenWhen } from './when.js';
