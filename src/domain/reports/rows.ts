// The plain rows every report figure is computed from, as the store reads
// them: ids, codes, case references, numbers and dates. Never a name, an
// address or typed text about a family (decline and override reasons are free
// text, so they are not here: reports count them and list case references).
// Records of one family are related by `caseId` (the case, migration 040),
// never by the reference as typed: "LCS 204518" and "LCS-204518" are one case,
// and the same reference in two areas is two.

/** A case behind a figure: its id (null for a record not yet linked to a case) and its reference as typed. */
export interface CaseMention { caseId: string | null; caseRef: string }

/** One London week of one hub's OSR places (cap null: nobody set the week up, so it has the hub's configured cap). */
export interface HubWeekRow { hubId: string; weekId: string; cap: number | null; used: number }

export interface BookingReportRow {
  id: string;
  caseId: string | null;
  caseRef: string;
  hubId: string;
  datTeamId: string;
  visitType: 'home-visit' | 'virtual-visit' | 'consultation';
  status: string;
  visitAt: Date;
  /** When the 0–19 request that followed this visit was submitted: filed from it, or for its case after it (the first, if several). */
  requestSubmittedAt: Date | null;
}

export interface RequestReportRow {
  id: string;
  caseId: string | null;
  caseRef: string;
  hubId: string;
  status: 'submitted' | 'allocated' | 'started' | 'in-review' | 'closed' | 'declined' | 'withdrawn';
  submittedAt: Date;
  allocatedAt: Date | null;
  /** 'YYYY-MM-DD' */
  startDate: string | null;
  endedAt: Date | null;
  endReason: string | null;
  allocatedTo: string | null;
  continuedFromRequestId: string | null;
  /** The practitioner of the request this one continues (step-down continuity). */
  continuedFromAllocatedTo: string | null;
  /** The case had an OSR joint visit (a booking of the same case). */
  osrCase: boolean;
  /** How many family feedback records the request has. */
  feedbackCount: number;
}

export interface ReminderReportRow {
  cause: string;
  /** With `cause` and `occurrence`, names one deadline: a reminder goes to several people (practitioner and manager) about the same one. */
  causeId: string;
  occurrence: string;
  /** The case of the request or joint visit the reminder is about. */
  caseId: string | null;
  caseRef: string | null;
  dueAt: Date;
  status: 'pending' | 'sent' | 'resolved' | 'snoozed' | 'undeliverable';
  escalation: number;
  /** Set when the reminder went out: the thing it reminds about was not done by its due time. */
  sentAt: Date | null;
}

export interface CheckReportRow { caseId: string | null; caseRef: string | null; level: number; overrideLevel: number | null }

export interface FeedbackReportRow { givenBy: 'child' | 'parent' | 'carer'; listened: number; helped: number; easyToReach: number }

export interface ReportRows {
  hubWeeks: HubWeekRow[];
  bookings: BookingReportRow[];
  /** Requests submitted in the period, or ended in it, or in the period before (for involvement length). */
  requests: RequestReportRow[];
  reminders: ReminderReportRow[];
  /** Cards that could not be delivered (undeliverable or given up), created in the period. */
  undeliverable: number;
  checks: CheckReportRow[];
  feedback: FeedbackReportRow[];
}
