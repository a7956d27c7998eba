// Owns reading a whole number as a person types it into a card. JavaScript's
// Number() takes far more than digits ("0x10" is 16, "1e1" is 10, "2.0" is 2,
// " +3" is 3), so a card value is a number only when it is digits. Pure.

const DIGITS = /^\d{1,15}$/;

/**
 * The whole number in `input` when it is written in digits (spaces around
 * allowed) and lies in [min, max]; undefined otherwise. A number value (not
 * text) must be a safe integer in range.
 */
export function parseWholeNumber(input: unknown, min: number, max: number): number | undefined {
  let n: number;
  if (typeof input === 'number') n = input;
  else if (typeof input === 'string' && DIGITS.test(input.trim())) n = Number(input.trim());
  else return undefined;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}
