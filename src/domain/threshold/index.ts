// Public surface of the threshold engine: parse untrusted case facts, evaluate
// them against a policy, and the schemas of both sides of that contract.
export { CaseFactsSchema, ChildSchema, parseCaseFacts } from './case-facts.js';
export type { CaseFacts, CaseFactsInput, Child, ParseCaseFactsResult } from './case-facts.js';
export { evaluateCase } from './evaluate-case.js';
export { LOCAL_FRONT_DOOR, areasWithoutFrontDoor, frontDoorText, hasFrontDoorNumber, missingFrontDoorText } from './front-door.js';
export * from './result.js';
