// One offline engine per test file: building it reads the English model and
// compiles every phrase (about a second), so files share it.
import { loadPolicy } from '../../src/config/load-policies.js';
import { loadPhraseBook } from '../../src/config/load-phrases.js';
import { loadDirectory } from '../../src/config/load-directory.js';
import { OfflineUnderstander } from '../../src/app/understanding/understander.js';

export const policy = loadPolicy('policies');
export const book = loadPhraseBook('policies', policy);
export const directory = loadDirectory('config/directory.demo.json');
export const offline = OfflineUnderstander.create(policy, book, directory);
export const understand = (text: string) => offline.words.understand(text);
export const needIds = (text: string) => understand(text).needs.map((n) => n.id);
