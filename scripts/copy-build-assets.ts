// Part of `npm run build`: copies what the compiled code reads beside itself
// (the SQL migrations) into dist/. Cards, policies and config are read from
// the project root at run time, so they are not copied.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
cpSync(path.join(root, 'src/store/migrations'), path.join(root, 'dist/store/migrations'), { recursive: true });
