// Owns the collaborators a job task may use.
import type { Db } from '../store/db.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../app/clock.js';
import type { Directory } from '../domain/directory/schema.js';
import type { AppConfig } from '../config/env.js';
import type { ProactiveSender } from '../app/proactive.js';
import type { DeliveryPolicy } from './delivery-policy.js';
import type { Policy } from '../domain/policy/index.js';

export interface JobDeps {
  config: AppConfig;
  db: Db;
  log: Logger;
  clock: Clock;
  directory: Directory;
  /** The service packs: supervision and other timescales per service. */
  policy: Policy;
  sender: ProactiveSender;
  /** Card template + data → Adaptive Card JSON (src/teams/cards/render.ts), passed in so jobs need no Teams import. */
  renderCard?: (template: string, data: Record<string, unknown>) => Record<string, unknown>;
  /** Overrides of the delivery retry numbers (tests shorten them). */
  deliveryPolicy?: Partial<DeliveryPolicy>;
  /** Source of jitter; tests pin it. */
  random?: () => number;
}
