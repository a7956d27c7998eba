// Owns the words a card shows for a use-case error code: its heading, colour
// and the buttons that help next. The sentence itself is the use case's
// userMessage; the code stays in the logs and never reaches a card.
export interface ErrorWords {
  title: string;
  color: 'Default' | 'Attention' | 'Warning' | 'Good';
  actions: { title: string; data: object }[];
}

const NOT_YOURS: ErrorWords = { title: 'Not available to you', color: 'Attention', actions: [{ title: 'What I can do', data: { verb: 'help.show' } }] };
const MOVED_ON: ErrorWords = { title: 'This has moved on', color: 'Warning', actions: [{ title: 'What I can do', data: { verb: 'help.show' } }] };
const NOT_FOUND: ErrorWords = { title: 'I could not find that', color: 'Warning', actions: [] };
const DEFAULT: ErrorWords = { title: 'I could not do that', color: 'Attention', actions: [] };

/** Codes with their own words; any other code gets the default heading. */
export const ERROR_WORDS: Readonly<Record<string, ErrorWords>> = {
  ACCESS_DENIED: NOT_YOURS,
  ADMIN_ONLY: NOT_YOURS,
  PRIVACY_ADMIN_ONLY: NOT_YOURS,
  NOT_PERMITTED: NOT_YOURS,
  NOT_IN_HUB: NOT_YOURS,
  NOT_HUB_MANAGER: NOT_YOURS,
  NOT_A_HUB_MANAGER: NOT_YOURS,
  NOT_DAT_MANAGER: NOT_YOURS,
  NOT_A_SOCIAL_WORKER: NOT_YOURS,
  NOT_A_HUB_PRACTITIONER: NOT_YOURS,
  NOT_IN_DIRECTORY: NOT_YOURS,
  BOOKING_ACCESS_DENIED: NOT_YOURS,
  REQUEST_ACCESS_DENIED: NOT_YOURS,
  REMINDER_NOT_YOURS: NOT_YOURS,
  CHECK_NOT_YOURS: NOT_YOURS,
  STALE_CARD: MOVED_ON,
  WRONG_STATUS: MOVED_ON,
  BOOKING_STATE: MOVED_ON,
  ALREADY_SUBMITTED: MOVED_ON,
  CASE_NOT_OPEN: MOVED_ON,
  CHECK_NOT_FOUND: NOT_FOUND,
  BOOKING_NOT_FOUND: NOT_FOUND,
  REQUEST_NOT_FOUND: NOT_FOUND,
  REMINDER_NOT_FOUND: NOT_FOUND,
  EPISODE_NOT_FOUND: NOT_FOUND,
  PRIVACY_PERSONAL_CHAT_ONLY: { title: "Let's do this in private", color: 'Warning', actions: [] },
  PRIVATE_CHAT_ONLY: { title: "Let's do this in private", color: 'Warning', actions: [] },
  OUTSIDE_OSR_WEEK: {
    title: 'Not your OSR week', color: 'Warning',
    actions: [{ title: 'File a 0–19 request', data: { verb: 'request.start' } }, { title: 'Show the OSR rota', data: { verb: 'booking.rota' } }],
  },
};

/** A refusal of access with a code of its own still reads as one. */
export function errorWords(code: string, accessDenied = false): ErrorWords {
  return ERROR_WORDS[code] ?? (accessDenied ? NOT_YOURS : DEFAULT);
}
