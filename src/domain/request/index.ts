// Public surface of the 0–19 request rules: form sections and their schemas,
// the status machine, queue priority and routing. Pure; time is a parameter.
export * from './field-rules.js';
export * from './family-section.js';
export * from './address-section.js';
export * from './need-work-sections.js';
export * from './consent-safety-sections.js';
export * from './form.js';
export * from './ages.js';
export * from './status.js';
export * from './priority.js';
export * from './routing.js';
export * from './action-forms.js';
