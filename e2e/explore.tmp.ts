import { chromium } from 'playwright-core';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { startStack } from './lib/stack.js';
import { Chat } from './lib/chat.js';
import { Recorder } from './lib/recorder.js';
const rec = new Recorder('/tmp/e2e-explore');
const stack = await startStack('/tmp/e2e-explore/bot.log');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const chats: Record<string, Chat> = {};
for (const who of ['social worker', 'hub manager']) {
  const pg = await stack.playgroundAs(who);
  chats[who] = await Chat.open(browser, pg.name, pg.url, rec);
}
const sw = chats['social worker']!, hm = chats['hub manager']!;
const app = stack.app;
console.log('ready');
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
for (;;) {
  if (existsSync('/tmp/cmd.js')) {
    const src = readFileSync('/tmp/cmd.js', 'utf8'); renameSync('/tmp/cmd.js', '/tmp/cmd.done.js');
    if (src.trim() === 'quit') break;
    try { const out = await new AsyncFunction('sw', 'hm', 'app', 'rec', src)(sw, hm, app, rec); writeFileSync('/tmp/out.txt', String(typeof out === 'string' ? out : JSON.stringify(out, null, 1))); }
    catch (e) { writeFileSync('/tmp/out.txt', 'ERR ' + (e as Error).message); }
  }
  await new Promise((r) => setTimeout(r, 200));
}
await browser.close(); await stack.stop(); process.exit(0);
