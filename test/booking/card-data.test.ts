// The booking cards' data: typed text kept literally (it goes in TextRuns,
// which Teams does not read as markdown) but never as a template expression,
// and buttons only for what the viewer may do.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { literalText, bookingCardData } from '../../src/app/booking/card-data.js';
import { renderCardJson } from '../../src/teams/cards/render.js';
import { cardProblems } from '../support/card-schema.js';
import { loadDirectory } from '../../src/config/load-directory.js';
import type { Booking } from '../../src/domain/booking/schema.js';
import { socialWorker, leadPractitioner, hubManager, gradeIPractitioner } from '../support/people.js';

const dir = loadDirectory('config/directory.demo.json');
const person = (aad: string) => dir.people.find((p) => p.aadObjectId === aad);
const booking: Booking = {
  id: '6f1c2d9e-1111-4c3b-9a7e-0a1b2c3d4e5f', idempotencyKey: 'k', hubId: 'barnet-north', weekId: '2027-W11', datTeamId: 'dat-barnet-a',
  socialWorkerAad: socialWorker.aadObjectId, leadResponderAad: leadPractitioner.aadObjectId, assigneeAad: leadPractitioner.aadObjectId,
  type: 'home-visit', visitAt: new Date('2027-03-16T10:00:00Z'), counterAt: null, caseRef: 'LCS1', checkId: null, purpose: 'p', risks: 'r',
  status: 'requested', reassignReason: null, statusNote: null, cancelledBy: null, awaitingAnswerSince: null, version: 1,
  createdAt: new Date(0), updatedAt: new Date(0), acceptedAt: null, followUpSentAt: null,
};
const week = { leadAad: leadPractitioner.aadObjectId, coverAad: gradeIPractitioner.aadObjectId };
const now = new Date('2027-03-15T09:00:00Z');
const can = (aad: string, b: Booking = booking) => bookingCardData(dir, b, { viewer: person(aad), week, now, headline: { title: 't', message: 'm' } }).can as Record<string, boolean>;

describe('booking card data', () => {
  it('shows whatever was typed, markdown and template syntax included, in a valid card', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (purpose, risks) => {
      const data = bookingCardData(dir, { ...booking, purpose, risks }, { viewer: person(socialWorker.aadObjectId), week, now, headline: { title: 't', message: 'm' } });
      const card = renderCardJson('booking-card', data);
      expect(cardProblems(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain(JSON.stringify(literalText(purpose)).slice(1, -1));
    }), { numRuns: 200 });
    expect(literalText('**bold** ${x}')).toBe('**bold** $\u200b{x}');
  });

  it('offers each person only their own buttons', () => {
    expect(can(leadPractitioner.aadObjectId)).toMatchObject({ accept: true, propose: true, decline: true, askReassign: true, cancel: false, agree: false, reassign: false });
    expect(can(gradeIPractitioner.aadObjectId)).toMatchObject({ accept: true }); // the cover
    expect(can(socialWorker.aadObjectId)).toMatchObject({ accept: false, cancel: true, agree: false, fileRequest: false });
    expect(can(hubManager.aadObjectId)).toMatchObject({ accept: false, reassign: true, cancel: true });
    expect(can(socialWorker.aadObjectId, { ...booking, status: 'time-proposed', counterAt: new Date('2027-03-17T10:00:00Z') })).toMatchObject({ agree: true });
    expect(can(socialWorker.aadObjectId, { ...booking, status: 'completed' })).toMatchObject({ fileRequest: true, cancel: false });
  });
});
