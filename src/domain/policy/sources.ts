// Owns the list of source documents every policy rule cites
// (policies/sources.json, described for readers in docs/SOURCES.md): each
// document's plain-English name, which is all a card ever shows, with its
// title, publisher and date. A citation naming a document not listed here
// fails start-up, so every rule can be traced to what it rests on.
import { z } from 'zod';
import { StableIdSchema, TextSchema, type Source } from './vocabulary.js';

export const SourceDocumentSchema = z
  .object({
    id: StableIdSchema,
    /** What cards call it, e.g. "Home-Start Hertfordshire referral criteria". */
    name: TextSchema,
    title: TextSchema,
    publisher: TextSchema,
    /** As the document dates itself; "undated" with what it can be dated by, otherwise. */
    date: TextSchema,
    /** One line on what it says, for docs/SOURCES.md and reviewers. */
    summary: TextSchema,
    /** True for our own product choices: they are labelled as configurable defaults, never as a council's rule. */
    product: z.boolean().default(false),
  })
  .strict();

export const SourcesPolicySchema = z.object({ documents: z.array(SourceDocumentSchema).min(1) }).strict();

export type SourceDocument = z.infer<typeof SourceDocumentSchema>;
export type SourcesPolicy = z.infer<typeof SourcesPolicySchema>;

/** How a result cites a rule: the document's plain-English name, and the section where there is one. */
export interface Citation {
  source: string;
  section?: string;
}

export function citationOf(source: Source, sources: SourcesPolicy): Citation {
  const document = sources.documents.find((candidate) => candidate.id === source.document);
  // Policies are cross-checked at load, so an unknown document here is a programming error.
  if (!document) throw new Error(`source document "${source.document}" is not listed in sources.json`);
  return source.section === undefined ? { source: document.name } : { source: document.name, section: source.section };
}
