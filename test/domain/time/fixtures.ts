// Fixed clocks and the real England and Wales working calendar, shared by the
// time and reminder tests. Every instant is written in UTC with its London
// reading in the name, so a test says which side of a clock change it is on.
import { englandAndWalesBankHolidays } from '../../../src/config/bank-holidays.js';
import { createWorkingCalendar, type WorkingCalendar } from '../../../src/domain/time/working-hours.js';

export const utc = (iso: string): Date => new Date(iso);

/** 09:00–17:00 Monday–Friday in London, with the real bank holidays 2025–2028. */
export const londonCalendar: WorkingCalendar = createWorkingCalendar({}, englandAndWalesBankHolidays(2025, 2028));

// Around the spring change: clocks go forward at 01:00 GMT on Sunday 29 March 2026.
export const FRI_0900_GMT_27_MAR_2026 = utc('2026-03-27T09:00:00Z');
export const FRI_1600_GMT_27_MAR_2026 = utc('2026-03-27T16:00:00Z');
export const SUN_0030_GMT_29_MAR_2026 = utc('2026-03-29T00:30:00Z');
export const SUN_0300_BST_29_MAR_2026 = utc('2026-03-29T02:00:00Z');
export const MON_0000_BST_30_MAR_2026 = utc('2026-03-29T23:00:00Z');
export const MON_0900_BST = utc('2026-03-30T08:00:00Z'); // the Monday after the spring change
export const MON_1000_BST_30_MAR_2026 = utc('2026-03-30T09:00:00Z');

// Around the autumn change: clocks go back at 02:00 BST on Sunday 25 October 2026.
export const FRI_0900_BST_23_OCT_2026 = utc('2026-10-23T08:00:00Z');
export const FRI_1500_BST_23_OCT_2026 = utc('2026-10-23T14:00:00Z');
export const MON_0000_GMT_26_OCT_2026 = utc('2026-10-26T00:00:00Z');
export const MON_0900_GMT_26_OCT_2026 = utc('2026-10-26T09:00:00Z');

// An ordinary winter week.
export const MON_0900_GMT_30_NOV_2026 = utc('2026-11-30T09:00:00Z');
export const TUE_0800_GMT_1_DEC_2026 = utc('2026-12-01T08:00:00Z');
export const TUE_0900_GMT_1_DEC_2026 = utc('2026-12-01T09:00:00Z');
export const TUE_1000_GMT_1_DEC_2026 = utc('2026-12-01T10:00:00Z');
export const TUE_1400_GMT_1_DEC_2026 = utc('2026-12-01T14:00:00Z');
export const TUE_1700_GMT_1_DEC_2026 = utc('2026-12-01T17:00:00Z');
export const TUE_1830_GMT_1_DEC_2026 = utc('2026-12-01T18:30:00Z');
export const WED_0900_GMT_2_DEC_2026 = utc('2026-12-02T09:00:00Z');
export const THU_1400_GMT_3_DEC_2026 = utc('2026-12-03T14:00:00Z');
export const FRI_1500_GMT_4_DEC_2026 = utc('2026-12-04T15:00:00Z');
export const FRI_1800_GMT_4_DEC_2026 = utc('2026-12-04T18:00:00Z');
export const SAT_1100_GMT_5_DEC_2026 = utc('2026-12-05T11:00:00Z');
export const MON_0900_GMT_7_DEC_2026 = utc('2026-12-07T09:00:00Z');

// Christmas 2026: Fri 25 (Christmas), Sat 26 (Boxing Day), Mon 28 (Boxing Day substitute).
export const THU_1000_GMT_24_DEC_2026 = utc('2026-12-24T10:00:00Z');
export const THU_1600_GMT_24_DEC_2026 = utc('2026-12-24T16:00:00Z');
export const FRI_1000_GMT_25_DEC_2026 = utc('2026-12-25T10:00:00Z');
export const TUE_0900_GMT_29_DEC_2026 = utc('2026-12-29T09:00:00Z');
export const MON_0900_GMT_4_JAN_2027 = utc('2027-01-04T09:00:00Z');

// Easter 2027: Good Friday 26 March, Easter Monday 29 March; the clocks go forward on Easter Sunday 28 March.
export const THU_0900_GMT_25_MAR_2027 = utc('2027-03-25T09:00:00Z');
export const THU_1500_GMT_25_MAR_2027 = utc('2027-03-25T15:00:00Z');
export const FRI_1000_GMT_26_MAR_2027 = utc('2027-03-26T10:00:00Z');
export const MON_1000_BST_29_MAR_2027 = utc('2027-03-29T09:00:00Z');
export const TUE_0900_BST_30_MAR_2027 = utc('2027-03-30T08:00:00Z');
export const TUE_1000_BST_30_MAR_2027 = utc('2027-03-30T09:00:00Z');
