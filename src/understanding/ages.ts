// Owns finding children's ages in a description: "the 7-year-old", "14yo",
// "aged 3 and 5", "kids (6, 9)", "baby is 4 months", "she's 15", "Tia (13)".
// Ages are whole years (a baby under one is 0) in the order they are written;
// twins and triplets count once per child. Durations ("for 3 years") and
// adults' ages (over 19) are not ages of children.
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
/** The oldest age the 0–19 services consider a child's (the age range of the 0–19 Request Form). */
const OLDEST_CHILD = 19;
const N = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
const LIST = `(\\d{1,2}(?:\\s*(?:,\\s*and|,|and|&)\\s*\\d{1,2})*)`;
const CHILD_WORD = '(?:boy|girl|lad|son|daughter|teen|teenager|child|toddler|baby|yp|young person|sister|brother|sibling|eldest|youngest)';
const GROUP_WORD = '(?:children|kids|siblings|boys|girls|sons|daughters|twins|triplets|brothers|sisters|two|three|four|five)';
const UNDER_ONE = '(months?|mths?|weeks?|wks?)';

interface Found { at: number; ages: number[] }

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => number[] }[] = [
  // "7-year-old", "seven year old", "14 yr old" (not "2 year olds", which is any child of two)
  { re: new RegExp(`\\b${N}\\s*-?\\s*(?:years?|yrs?)\\s*-?\\s*old\\b`, 'gi'), read: (m) => [num(m[1]!)] },
  // "14yo", "9 y/o", "6yo"
  { re: /\b(\d{1,2})\s*(?:yo|y\/o|y\.o\.?)(?![a-z])/gi, read: (m) => [num(m[1]!)] },
  // "4 months old", "18 month old", "6 weeks old", "3 days old"
  { re: new RegExp(`\\b(\\d{1,2})\\s*-?\\s*(${UNDER_ONE.slice(1, -1)}|days?)\\s*-?\\s*old\\b`, 'gi'), read: (m) => [underOne(m[1]!, m[2]!)] },
  // "baby (7 weeks)", "baby is 8 months", "newborn 5 days" ("for 3 months" is a duration)
  { re: new RegExp(`\\b(?:baby|newborn|infant)\\s*(?:is\\s+|was\\s+|aged\\s+|\\(\\s*)?(\\d{1,2})\\s*${UNDER_ONE}`, 'gi'), read: (m) => [underOne(m[1]!, m[2]!)] },
  // "twins aged 18 months"
  { re: new RegExp(`\\b(twins|triplets)?\\s*aged?\\s+(\\d{1,2})\\s*${UNDER_ONE}`, 'gi'), read: (m) => repeat([underOne(m[2]!, m[3]!)], m[1]) },
  // "aged 3 and 5", "age 15", "twins aged 3"
  { re: new RegExp(`\\b(twins|triplets)?\\s*aged?\\s+${LIST}(?!\\s*(?:months?|mths?|weeks?|wks?|days?|%))`, 'gi'), read: (m) => repeat(list(m[2]!), m[1]) },
  // "kids (6, 9)", "Children 3 and 5", "kids are 2, 4, 6"
  { re: new RegExp(`\\b${GROUP_WORD}\\s*(?:are\\s+|:\\s*)?\\(?\\s*${LIST}\\s*\\)?(?!\\s*(?:months?|mths?|weeks?|wks?|days?|%|times|years?|yrs?|of))`, 'gi'), read: (m) => list(m[1]!) },
  // "girl 13", "Teen (16)", "young person (15)"
  { re: new RegExp(`\\b${CHILD_WORD}\\s*(?:is\\s+|\\(\\s*)?(\\d{1,2})\\s*\\)?(?!\\s*(?:months?|mths?|weeks?|wks?|days?|%|times|years?|yrs?|y|yo|-))`, 'gi'), read: (m) => [num(m[1]!)] },
  // "she's 15", "he is 3 and", "She is 16"
  { re: /\b(?:he|she)(?:'s|’s|\s+is|\s+was)\s+(?:only\s+|just\s+)?(\d{1,2})\b(?!\s*(?:%|percent|times|minutes|hours|days|weeks|months|years|yrs|am|pm|:|\.\d))/gi, read: (m) => [num(m[1]!)] },
  // "Tia (13)", "Mum (19)", "Jay is 15"
  { re: /\b[A-Z][a-z]+\s*\((\d{1,2})\)/g, read: (m) => [num(m[1]!)] },
  { re: /\b[A-Z][a-z]+\s+is\s+(\d{1,2})\b(?!\s*(?:%|percent|times|minutes|hours|days|weeks|months|years|yrs|am|pm|:|\.\d))/g, read: (m) => [num(m[1]!)] },
  { re: /\bnew-?born\b/gi, read: () => [0] },
];

function num(s: string): number {
  return NUMBER_WORDS[s.toLowerCase()] ?? Number(s);
}

function list(s: string): number[] {
  return s.split(/\s*(?:,|and|&)\s*/i).filter(Boolean).map(num);
}

function underOne(n: string, unit: string): number {
  const u = unit.toLowerCase();
  const months = u.startsWith('w') ? Number(n) / 4.35 : u.startsWith('d') ? Number(n) / 30 : Number(n);
  return Math.floor(months / 12);
}

function repeat(ages: number[], multiple: string | undefined): number[] {
  const times = multiple?.toLowerCase() === 'twins' ? 2 : multiple?.toLowerCase() === 'triplets' ? 3 : 1;
  return ages.flatMap((a) => Array.from({ length: times }, () => a));
}

export function findAges(text: string): number[] {
  const found: (Found & { end: number })[] = [];
  for (const { re, read } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      const end = at + m[0].length;
      // The first pattern to claim a stretch of text wins ("aged 7" inside "boy aged 7").
      if (found.some((f) => at < f.end && f.at < end)) continue;
      found.push({ at, end, ages: read(m as RegExpExecArray) });
    }
  }
  return found.sort((a, b) => a.at - b.at).flatMap((f) => f.ages).filter((a) => Number.isInteger(a) && a >= 0 && a <= OLDEST_CHILD);
}
