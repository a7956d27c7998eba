// `npm run playground -- --as "hub manager" --port 56151`: another Agents
// Playground, as another demo person, for a bot already running (npm start).
// Two windows side by side let a social worker and a hub manager work together.
import { launchPlayground } from './lib/playground.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('port') ?? 56151);
const endpoint = arg('endpoint') ?? 'http://127.0.0.1:3978/api/messages';
try {
  const { child, name } = launchPlayground(endpoint, port, arg('as'));
  process.stdout.write(`\n  Agents Playground as ${name}: http://localhost:${port}\n  (bot: ${endpoint}; Ctrl-C to stop)\n\n`);
  child.stderr?.pipe(process.stderr);
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}
