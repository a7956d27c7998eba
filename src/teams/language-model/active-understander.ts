// Owns choosing the understander the configuration asks for: the offline
// engine always, wrapped by the language model when one is configured.
import type { AppConfig } from '../../config/env.js';
import type { Policy } from '../../domain/policy/index.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { PhraseBook } from '../../domain/understanding/index.js';
import type { Logger } from '../../log/logger.js';
import { OfflineUnderstander, type Understander } from '../../app/understanding/understander.js';

export interface UnderstanderParts { config: AppConfig; policy: Policy; book: PhraseBook; directory: Directory; log: Logger }

export function createUnderstander(parts: UnderstanderParts): Understander {
  return OfflineUnderstander.create(parts.policy, parts.book, parts.directory);
}
