// Owns the collaborators a job task may use.
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../app/clock.js';
import type { Directory } from '../domain/directory/schema.js';
import type { AppConfig } from '../config/env.js';
import type { ProactiveSender } from '../app/proactive.js';

export interface JobDeps {
  config: AppConfig;
  db: Db;
  log: Logger;
  clock: Clock;
  directory: Directory;
  sender: ProactiveSender;
}
