// The yardstick for `npm run bench`: a bare Teams AI v1 bot on the same
// stack as Right Response (the same TeamsAdapter with authentication off,
// restify with the JSON body parser, MemoryStorage for turn state) that
// echoes every message and card submit. Plain JavaScript so that, like the
// compiled app, it runs on node with no transpiler. Prints "READY <url>".
import process from 'node:process';
import restify from 'restify';
import { MemoryStorage } from 'botbuilder';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';

const adapter = new TeamsAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' });
const app = new Application({ adapter, storage: new MemoryStorage(), startTypingTimer: false, longRunningMessages: false });
app.activity('message', async (context) => {
  await context.sendActivity(`echo: ${context.activity.text ?? JSON.stringify(context.activity.value ?? {})}`);
});

const server = restify.createServer({ name: 'bare-echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => { await app.run(context); });
});
server.get('/healthz', async (_req, res) => { res.send(200, { status: 'ok' }); });
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
