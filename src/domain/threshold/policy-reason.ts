// Owns turning a piece of policy wording (id, templated text, source) into a
// result reason, filling the placeholders the engine knows for this case.
import { renderTemplate, type PolicyMessage } from '../policy/index.js';
import type { Reason } from './result.js';

export function policyReason(message: PolicyMessage, values: Readonly<Record<string, string | number>>): Reason {
  return { rule: message.id, text: renderTemplate(message.text, values), source: message.source };
}
