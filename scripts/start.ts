// `npm start`: the bot with its embedded database, then the Microsoft 365
// Agents Playground pointed at it. Ctrl-C stops the Playground, the bot and
// the database, in that order.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startApp, configFromEnvironmentOrExit } from '../src/main.js';
import { launchPlayground, PLAYGROUND_BIN } from './lib/playground.js';

async function main(): Promise<void> {
  const config = configFromEnvironmentOrExit();
  const app = await startApp(config);
  let playground: ChildProcess | undefined;
  const endpoint = `${app.url}/api/messages`;

  let playgroundUser = '';
  if (config.OPEN_PLAYGROUND && existsSync(PLAYGROUND_BIN)) {
    const launched = launchPlayground(endpoint, config.PLAYGROUND_PORT, process.env.PLAYGROUND_AS || undefined);
    playground = launched.child;
    playgroundUser = launched.name;
    playground.stdout?.on('data', (d: Buffer) => app.log.info({ playground: d.toString().trim() }, 'playground'));
    playground.stderr?.on('data', (d: Buffer) => app.log.info({ playground: d.toString().trim() }, 'playground'));
    playground.on('exit', (code) => app.log.info({ code }, 'Agents Playground stopped'));
  }

  const banner = [
    '',
    '  Right Response is running (development: anonymous, localhost only).',
    `  Bot endpoint:       ${endpoint}`,
    playground ? `  Agents Playground:  http://localhost:${config.PLAYGROUND_PORT}   <- open this, then type "hi" (you are ${playgroundUser})` : '  Agents Playground:  not started (OPEN_PLAYGROUND=false or not installed)',
    '  Another person, side by side: npm run playground -- --as "hub manager"   (see README "Demo people")',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n');
  process.stdout.write(`${banner}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    if (playground && playground.exitCode === null) {
      playground.kill('SIGTERM');
      await new Promise((r) => playground!.once('exit', r));
    }
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main().catch((err: Error) => {
  process.stderr.write(`Right Response could not start: ${err.message}\n`);
  process.exit(1);
});
