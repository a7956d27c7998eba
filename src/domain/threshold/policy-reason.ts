// Owns turning a piece of policy wording (id, templated text, source) into a
// result reason, filling the placeholders the engine knows for this case and
// citing the source by its document's plain-English name.
import { citationOf, renderTemplate, type Source, type SourcesPolicy } from '../policy/index.js';
import type { Reason } from './result.js';

export function policyReason(message: { id: string; text: string; source: Source }, values: Readonly<Record<string, string | number>>, sources: SourcesPolicy): Reason {
  return citedReason(message.id, renderTemplate(message.text, values), message.source, sources);
}

export function citedReason(rule: string, text: string, source: Source, sources: SourcesPolicy): Reason {
  return { rule, text, ...citationOf(source, sources) };
}
