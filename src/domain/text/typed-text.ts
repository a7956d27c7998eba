// Owns what happens to characters a person cannot mean and PostgreSQL cannot
// store: NUL, and half of a UTF-16 surrogate pair (a broken emoji). They are
// replaced as an activity arrives with the replacement character, which every
// text field then refuses with a message, so the person sees where the damage
// is and nothing they typed elsewhere is lost. Pure.

/** Shown where an unstorable character was: U+FFFD, "�". */
export const REPLACEMENT_CHARACTER = '\uFFFD';

export const UNSTORABLE_TEXT_MESSAGE = 'This has a character that cannot be saved (shown as �). Retype that part.';

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every unstorable character replaced by U+FFFD. */
export function replaceUnstorable(text: string): string {
  return text.replace(UNSTORABLE, REPLACEMENT_CHARACTER);
}

/** True when the text holds a replaced character: refuse it with UNSTORABLE_TEXT_MESSAGE. */
export function hasReplacedCharacters(text: string): boolean {
  return text.includes(REPLACEMENT_CHARACTER);
}
