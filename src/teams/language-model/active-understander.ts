// Owns choosing the understander the configuration asks for: the offline
// engine always, wrapped by the language model when one is configured.
import type { AppConfig } from '../../config/env.js';
import type { Policy } from '../../domain/policy/index.js';
import type { Directory } from '../../domain/directory/schema.js';
import type { PhraseBook } from '../../understanding/index.js';
import type { Logger } from '../../log/logger.js';
import { OfflineUnderstander, type Understander } from '../../app/understanding/understander.js';
import { createChatModel, createPlanner } from './chat-model.js';
import { ModelUnderstander } from './model-understander.js';

export interface UnderstanderParts { config: AppConfig; policy: Policy; book: PhraseBook; directory: Directory; log: Logger }

export function createUnderstander(parts: UnderstanderParts): Understander {
  const offline = OfflineUnderstander.create(parts.policy, parts.book, parts.directory);
  if (parts.config.LANGUAGE_MODEL === 'off') return offline;
  const planner = createPlanner(createChatModel(parts.config));
  parts.log.info({ engine: 'language-model', kind: parts.config.LANGUAGE_MODEL }, 'free text is understood with the language model, the offline engine behind it');
  return new ModelUnderstander(offline, planner, parts.policy, parts.log, parts.config.LANGUAGE_MODEL_TIMEOUT_MS);
}
