// The role × hub × action matrix runner. A scenario names one action (a card
// verb or a command), how to make a fresh record for it in Barnet North, how
// to take the action as a given person, and who may. Every person in the
// demo directory (each role from each hub, plus someone not in the directory)
// takes it: the allowed ones must get through, everyone else must get a
// polite card and leave an audit row with outcome 'refused', and the record
// the refusals were tried on must be unchanged.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TestBot, Activity } from '../support/harness.js';
import { cardsOf, textOf } from '../support/harness.js';
import {
  admin, datManager, gradeGPractitioner, gradeIPractitioner, hubManager, leadPractitioner, socialWorker, socialWorkerB,
  southHubManager, southPractitioner, stranger, type DemoUser,
} from '../support/people.js';

/** Every role from every hub or team in the demo directory, and a stranger. */
export const PEOPLE: { who: DemoUser; label: string }[] = [
  { who: socialWorker, label: 'social worker, DAT A' },
  { who: socialWorkerB, label: 'social worker, DAT B' },
  { who: leadPractitioner, label: 'practitioner H, north (lead responder)' },
  { who: gradeIPractitioner, label: 'practitioner I, north (cover)' },
  { who: gradeGPractitioner, label: 'practitioner G, north' },
  { who: hubManager, label: 'hub manager, north' },
  { who: southPractitioner, label: 'practitioner H, south' },
  { who: southHubManager, label: 'hub manager, south' },
  { who: datManager, label: 'DAT manager, DAT A' },
  { who: admin, label: 'administrator' },
  { who: stranger, label: 'not in the directory' },
];

export interface Scenario<R = unknown> {
  feature: string;
  /** The verb (or command) under test. */
  verb: string;
  /** Who may take it on a record made by `setup`. */
  allowed: DemoUser[];
  /** A fresh record the action applies to (the refusals share one, each allowed person gets their own). */
  setup: () => Promise<R>;
  act: (user: DemoUser, record: R) => Promise<Activity[]>;
  /** What a refused action must leave unchanged (default: nothing checked). */
  state?: (record: R) => Promise<unknown>;
}

export interface Cell { feature: string; verb: string; person: string; expected: 'allow' | 'deny'; actual: 'allow' | 'deny'; audited: boolean; polite: boolean; note: string }

const FAULT = /something went wrong on our side/i;
const DENIAL = /don't have access|do not have access|only (an? )?administrator|belongs to someone else|sent to someone else|only .* can|not yours|is for hub team managers/i;

async function lastAuditId(bot: TestBot): Promise<number> {
  return Number((await bot.db.query('SELECT coalesce(max(id), 0) AS n FROM audit_log')).rows[0].n);
}

async function attempt(bot: TestBot, user: DemoUser, run: () => Promise<Activity[]>): Promise<{ refusedRows: number; text: string; cards: number; failed: boolean }> {
  const since = await lastAuditId(bot);
  const failuresBefore = bot.logs.lines.filter((l) => l.includes('turn failed')).length;
  const replies = await run();
  const refused = await bot.db.query(`SELECT count(*) AS n FROM audit_log WHERE id > $1 AND actor = $2 AND outcome = 'refused'`, [since, user.aadObjectId || 'anonymous']);
  const text = [...replies.map((r) => (typeof r.text === 'string' ? r.text : '')), ...cardsOf(replies).map(textOf)].join('\n');
  const failed = FAULT.test(text) || bot.logs.lines.filter((l) => l.includes('turn failed')).length > failuresBefore;
  return { refusedRows: Number(refused.rows[0].n), text, cards: cardsOf(replies).length, failed };
}

export async function runScenario<R>(bot: TestBot, s: Scenario<R>): Promise<Cell[]> {
  const cells: Cell[] = [];
  const allowed = new Set(s.allowed.map((u) => u.aadObjectId));
  const shared = await s.setup();
  const before = s.state ? JSON.stringify(await s.state(shared)) : '';
  for (const { who, label } of PEOPLE.filter((p) => !allowed.has(p.who.aadObjectId))) {
    const r = await attempt(bot, who, () => s.act(who, shared));
    const denied = r.refusedRows > 0 || DENIAL.test(r.text);
    cells.push({
      feature: s.feature, verb: s.verb, person: label, expected: 'deny', actual: denied ? 'deny' : 'allow',
      audited: r.refusedRows > 0, polite: r.cards > 0 && !r.failed, note: r.text.split('\n').slice(0, 2).join(' / ').slice(0, 160),
    });
  }
  if (s.state) {
    const after = JSON.stringify(await s.state(shared));
    if (after !== before) cells.push({ feature: s.feature, verb: s.verb, person: '(refusals)', expected: 'deny', actual: 'allow', audited: true, polite: true, note: `record changed by refused actions: ${before} → ${after}` });
  }
  for (const { who, label } of PEOPLE.filter((p) => allowed.has(p.who.aadObjectId))) {
    const own = await s.setup();
    const r = await attempt(bot, who, () => s.act(who, own));
    const denied = r.refusedRows > 0 || DENIAL.test(r.text);
    cells.push({
      feature: s.feature, verb: s.verb, person: label, expected: 'allow', actual: denied || r.failed ? 'deny' : 'allow',
      audited: r.refusedRows > 0, polite: !r.failed, note: r.text.split('\n').slice(0, 2).join(' / ').slice(0, 160),
    });
  }
  return cells;
}

/** The cells that break the rule: allowed where denied, denied where allowed, refusals without a card or an audit row. */
export function violations(cells: Cell[]): string[] {
  return cells.filter((c) => c.expected !== c.actual || (c.expected === 'deny' && (!c.audited || !c.polite)) || (c.expected === 'allow' && !c.polite))
    .map((c) => `${c.verb} as ${c.person}: expected ${c.expected}, got ${c.actual}${c.expected === 'deny' ? `${c.audited ? '' : ', NOT AUDITED'}${c.polite ? '' : ', NO POLITE CARD'}` : ''} (${c.note})`);
}

/** Every card verb the app knows: from the handlers' routes and every card's buttons. */
export function allVerbs(): string[] {
  const verbs = new Set<string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(f.name)) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/actionSubmit\(\s*'([a-zA-Z.]+)'/g)) verbs.add(m[1]!);
        for (const m of text.matchAll(/verb:\s*'([a-z]+\.[a-zA-Z.]+)'/g)) verbs.add(m[1]!);
        for (const m of text.matchAll(/"verb":\s*"([a-z]+\.[a-zA-Z.]+)"/g)) verbs.add(m[1]!);
      }
    }
  };
  walk('src/teams');
  walk('src/app');
  walk('cards');
  for (const v of [...verbs]) if (/^request\.(begin|close|withdraw|tasks)$/.test(v)) verbs.add(`${v}.show`);
  return [...verbs].sort();
}
