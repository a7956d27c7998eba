// Before anything leaves the process for a language model, names, dates of
// birth, addresses, postcodes, phone numbers and case references are
// replaced by placeholders, and only our own code puts them back.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { offline } from './engine.js';

const redact = (text: string) => offline.words.redact(text);

describe('redaction', () => {
  it('replaces each kind of personal detail, and restores them locally', () => {
    const text = 'Zephyrina Quillfeather (7), DOB 23/07/2095, lives at 7 Imaginary Mews, Quillbury N11 1ZZ with her dad Bartholomew; call 07700 900731 or +44 7700 900732, case LCS-204518, email bq@example.org, NHS 943 476 5919. Seen 12 March 2027 by Mrs Okonkwo.';
    const r = redact(text);
    for (const secret of ['Zephyrina', 'Quillfeather', '23/07/2095', 'Imaginary Mews', 'Quillbury', 'N11 1ZZ', 'Bartholomew', '07700 900731', '7700 900732', 'LCS-204518', 'bq@example.org', '943 476 5919', '12 March 2027', 'Okonkwo']) {
      expect(r.text).not.toContain(secret);
    }
    expect(r.text).toContain('[POSTCODE_1]');
    expect(r.text).toContain('[CASE_1]');
    expect(r.text).toContain('(7)');
    expect(r.text).toContain('her dad');
    expect(r.restore(r.text)).toBe(text);
  });

  it('keeps the words the model needs: roles, needs, abbreviations, areas and services', () => {
    const text = "Mum's been low since the baby, HV says PND, nan helps; the 7-year-old is missing school. Refer to Home-Start in Hertfordshire? DV last week.";
    expect(redact(text).text).toBe(text);
  });

  it('gives the same detail the same placeholder, and restores only placeholders it made', () => {
    const r = redact('Kai is 9. Kai hit his sister.');
    expect(r.text).toBe('[NAME_1] is 9. [NAME_1] hit his sister.');
    expect(r.restore('[NAME_1] and [NAME_7] and [CASE_1]')).toBe('Kai and [NAME_7] and [CASE_1]');
  });

  const invented = fc.stringMatching(/^[A-Z][a-z]{3,9}$/).filter((n) => !offline.words.redact(n).text.startsWith(n));
  const ukMobile = fc.integer({ min: 0, max: 999_999 }).map((n) => `07700 ${String(n).padStart(6, '0')}`);
  const landline = fc.integer({ min: 0, max: 999_999 }).map((n) => `01632 ${String(n).padStart(6, '0')}`);
  const postcode = fc.tuple(fc.constantFrom('N11', 'SG1', 'PL4', 'AL1', 'EN5', 'HP2', 'WD17'), fc.integer({ min: 0, max: 9 }), fc.constantFrom('ZZ', 'XY', 'AB', 'QT'))
    .map(([o, d, l]) => `${o} ${d}${l}`);
  const caseRef = fc.tuple(fc.constantFrom('LCS', 'EHM', 'MOSAIC', 'CP'), fc.constantFrom('-', '', ' ', '/'), fc.integer({ min: 1000, max: 99_999_999 })).map(([p, s, n]) => `${p}${s}${n}`);
  const dob = fc.date({ min: new Date('2005-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .chain((d) => fc.constantFrom(
      `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`,
      `${d.getUTCDate()} ${['January', 'March', 'July', 'November'][d.getUTCMonth() % 4]} ${d.getUTCFullYear()}`,
      d.toISOString().slice(0, 10),
    ));
  const address = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('Acacia', 'Quill', 'Mulberry Tree', 'Old Forge'), fc.constantFrom('Road', 'Close', 'Mews', 'Avenue', 'Lane', 'Gardens'))
    .map(([n, s, t]) => `${n} ${s} ${t}`);

  it('never lets a generated name, phone, postcode, case reference, date of birth or address through', () => {
    fc.assert(fc.property(invented, invented, ukMobile, landline, postcode, caseRef, dob, address, fc.constantFrom(
      (n: string, c: string, p: string, l: string, pc: string, ref: string, d: string, a: string) => `${n} ${c} (7) was born on ${d}. They live at ${a}, ${pc}. Mum's number is ${p}, school ${l}. Case ${ref}: ${n} is missing school.`,
      (n: string, c: string, p: string, l: string, pc: string, ref: string, d: string, a: string) => `referral for ${ref} - child ${n}, dob ${d}, ${a} ${pc}, carer ${c} tel ${p} / ${l}; dad drinks`,
      (n: string, c: string, p: string, l: string, pc: string, ref: string, d: string, a: string) => `${c} says ${n} hasn't been to school. ${a}. ${pc}. ${ref}. ${p}. ${l}. DOB ${d}.`,
    ), (n, c, p, l, pc, ref, d, a, sentence) => {
      const text = sentence(n, c, p, l, pc, ref, d, a);
      const r = redact(text);
      for (const secret of [n, c, p, l, pc, ref, d, a]) expect(r.text, text).not.toContain(secret);
      expect(r.restore(r.text)).toBe(text);
    }), { numRuns: 300 });
  });
});
