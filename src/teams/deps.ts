// Owns the bundle of collaborators every Teams handler may use. Handlers get
// use cases and read-only configuration, never a raw HTTP request.
import type { Actor as DirectoryActor } from '../domain/directory/actor.js';
import type { TurnContext } from 'botbuilder';
import type { Db } from '../store/db.js';
import type { Directory } from '../domain/directory/schema.js';
import { findPerson } from '../domain/directory/lookup.js';
import type { Clock } from '../app/clock.js';
import type { Policy } from '../domain/policy/index.js';
import type { Logger } from '../log/logger.js';
import type { AppConfig } from '../config/env.js';
import type { JobQueue } from '../jobs/runner.js';
import type { Understander } from '../app/understanding/understander.js';

export interface BotDeps {
  config: AppConfig;
  db: Db;
  directory: Directory;
  policy: Policy;
  clock: Clock;
  log: Logger;
  jobs: JobQueue;
  /** Reads free text: the offline engine, or the language model when configured (issue 14). */
  understander: Understander;
  /** True when this social worker's DAT team is in its OSR week now (set by the booking feature). */
  osrWeekFor?: (aadObjectId: string) => Promise<boolean>;
}

/** The directory's Actor plus where the turn happens (some actions are for personal chats only). */
export interface Actor extends DirectoryActor {
  conversationType: 'personal' | 'groupChat' | 'channel';
}

export function actorOf(context: TurnContext, directory: Directory): Actor {
  const aadObjectId = context.activity.from?.aadObjectId;
  // guardTurn refuses such activities before any handler: reaching here without one is a bug, never a shared "anonymous" person.
  if (!aadObjectId) throw new Error('actorOf: the activity has no AAD object id (guardTurn should have refused it)');
  const type = context.activity.conversation?.conversationType;
  return {
    aadObjectId,
    person: findPerson(directory, aadObjectId),
    conversationType: type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal',
  };
}
