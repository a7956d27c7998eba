import { describe, expect, it } from 'vitest';
import { planWeeklyDigestReminder, weeklyDigestDueAt } from '../../../src/domain/reminders/weekly-digest.js';
import { MON_0900_BST, TUE_1000_GMT_1_DEC_2026, utc } from '../time/fixtures.js';
import { contextAt, HUB } from './fixtures.js';

const FRIDAY_1600 = { weeklyDigest: { isoWeekday: 5, hour: 16 } };

describe('weekly hub-manager digest, Monday 09:00 by default', () => {
  it('plans next Monday 09:00 for the hub manager, labelled with its week', () => {
    const [digest] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2026-W49' }, contextAt(TUE_1000_GMT_1_DEC_2026));
    expect(digest).toMatchObject({
      cause: 'weekly-digest',
      causeId: HUB,
      occurrence: '2026-W50',
      recipient: { kind: 'role', role: 'hub-manager', scopeId: HUB },
      dueAt: utc('2026-12-07T09:00:00Z'),
      template: 'weekly-digest',
      data: { hubId: HUB, weekId: '2026-W50' },
    });
    expect(digest?.jobKey).toBe(`weekly-digest:${HUB}:2026-W50:hub-manager%3D${HUB}:0`);
  });

  it('gives a new hub its first digest at the next scheduled time', () => {
    const [digest] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: null }, contextAt(TUE_1000_GMT_1_DEC_2026));
    expect(digest?.occurrence).toBe('2026-W50');
  });

  it('is 08:00Z on the Monday after the spring change (09:00 BST)', () => {
    const [digest] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2026-W13' }, contextAt(utc('2026-03-27T12:00:00Z')));
    expect(digest?.occurrence).toBe('2026-W14');
    expect(digest?.dueAt).toEqual(MON_0900_BST);
  });

  it('moves an Easter Monday digest to Tuesday 09:00, keeping its week', () => {
    const [digest] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2027-W12' }, contextAt(utc('2027-03-26T10:00:00Z')));
    expect(digest?.occurrence).toBe('2027-W13');
    expect(digest?.dueAt).toEqual(utc('2027-03-30T08:00:00Z'));
  });

  it('moves the digest after Christmas to Tuesday 29 December (Monday 28th is the Boxing Day substitute)', () => {
    expect(weeklyDigestDueAt('2026-W53', contextAt(TUE_1000_GMT_1_DEC_2026))).toEqual(utc('2026-12-29T09:00:00Z'));
  });

  it('catches up a missed digest once, now, and only the latest', () => {
    const mondayEleven = utc('2026-12-07T11:00:00Z');
    const [caughtUp] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2026-W49' }, contextAt(mondayEleven));
    expect(caughtUp).toMatchObject({ occurrence: '2026-W50', dueAt: mondayEleven });
    const [noBacklog] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2026-W45' }, contextAt(mondayEleven));
    expect(noBacklog?.occurrence).toBe('2026-W50');
  });

  it('after sending this week’s, plans next week’s', () => {
    const justAfterSending = utc('2026-12-07T09:00:05Z');
    const [next] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2026-W50' }, contextAt(justAfterSending));
    expect(next?.occurrence).toBe('2026-W51');
  });

  describe('on a configured Friday 16:00', () => {
    it('is due on Friday at 16:00', () => {
      expect(weeklyDigestDueAt('2026-W49', contextAt(TUE_1000_GMT_1_DEC_2026, FRIDAY_1600))).toEqual(utc('2026-12-04T16:00:00Z'));
    });

    it('moves a Good Friday digest past Easter Monday into the next week, still labelled with its own week', () => {
      const ctx = contextAt(utc('2027-03-25T17:00:00Z'), FRIDAY_1600);
      const [goodFriday] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2027-W11' }, ctx);
      expect(goodFriday).toMatchObject({ occurrence: '2027-W12', dueAt: utc('2027-03-30T08:00:00Z') });
      // Planned again on Easter Monday, it is the same digest, not skipped for the new week's.
      const [onEasterMonday] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2027-W11' }, contextAt(utc('2027-03-29T10:00:00Z'), FRIDAY_1600));
      expect(onEasterMonday?.jobKey).toBe(goodFriday?.jobKey);
      const [following] = planWeeklyDigestReminder({ hubId: HUB, lastDigestWeekId: '2027-W12' }, contextAt(utc('2027-03-30T08:00:05Z'), FRIDAY_1600));
      expect(following).toMatchObject({ occurrence: '2027-W13', dueAt: utc('2027-04-02T15:00:00Z') });
    });
  });

  it('moves a digest configured before working hours to the start of them', () => {
    expect(weeklyDigestDueAt('2026-W50', contextAt(TUE_1000_GMT_1_DEC_2026, { weeklyDigest: { hour: 7, minute: 30 } }))).toEqual(utc('2026-12-07T09:00:00Z'));
  });
});
