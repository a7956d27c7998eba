// Owns the list of feature handler registrars, in routing order. Each feature
// module exports one `register…(app, deps)`; the menu and fallback are added
// around them by bot-app.ts.
import type { FeatureRegistrar } from './bot-app.js';
import { registerCheckHandlers } from './handlers/check.js';
import { registerBookingHandlers } from './handlers/booking.js';
import { registerRotaHandlers } from './handlers/rota.js';
import { registerReminderHandlers } from './handlers/reminders.js';
import { registerRequestHandlers } from './handlers/request.js';
import { registerPrivacyHandlers } from './handlers/privacy.js';
import { registerCaseRecordHandlers } from './handlers/case-records.js';
import { registerSupervisionHandlers } from './handlers/supervision.js';
import { registerFreeTextHandlers } from './handlers/free-text.js';
import { registerReportHandlers } from './handlers/report.js';
import { registerRecordCardHandlers } from './handlers/record-cards.js';
import { registerCaseHandlers } from './handlers/case.js';

// Free text goes last: it takes any message no command took.
export const FEATURES: FeatureRegistrar[] = [registerCheckHandlers, registerBookingHandlers, registerRotaHandlers, registerReminderHandlers, registerRequestHandlers, registerCaseRecordHandlers, registerSupervisionHandlers, registerPrivacyHandlers, registerReportHandlers, registerRecordCardHandlers, registerCaseHandlers, registerFreeTextHandlers];
