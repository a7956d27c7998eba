import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { freePort } from './processes.js';
import { load } from './turn-load.js';
const port = await freePort();
const turn = (process.argv[2] ?? 'hi') as 'hi' | 'check-step';
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'dist/main.js'], { env: { ...process.env, APP_ENV: 'development', PORT: String(port), DATA_DIR: mkdtempSync('/tmp/rr-prof-'), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info', OPEN_PLAYGROUND: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] });
const url = `http://127.0.0.1:${port}`;
for (;;) { if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break; await new Promise((r) => setTimeout(r, 200)); }
await load(url, { turn, conversations: 50, connections: 10, amount: 1000 });
const r = await load(url, { turn, conversations: 50, connections: 50, seconds: 15 });
console.log(turn, r);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
