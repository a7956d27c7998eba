// Card template names for reminders: one list, so the cards module can check
// at start-up that it has a template for every name a rule can produce.
export const REMINDER_TEMPLATES = {
  planReviewDue: 'plan-review-due',
  planReviewDueManager: 'plan-review-due-manager',
  supportNotStarted: 'support-not-started',
  supportNotStartedManager: 'support-not-started-manager',
  needsNotMetApproaching: 'needs-not-met-approaching',
  needsNotMetDeadline: 'needs-not-met-deadline',
  jointVisitTomorrow: 'joint-visit-day-before',
  jointVisitToday: 'joint-visit-morning-of',
  requestNotFiled: 'request-not-filed',
  requestNotFiledEscalation: 'request-not-filed-escalation',
  bookingNotAnswered: 'booking-not-answered',
  bookingNotAnsweredEscalation: 'booking-not-answered-escalation',
  parentingReviewDue: 'parenting-review-due',
  parentingReviewOverdue: 'parenting-review-overdue',
  parentingExtensionEnds: 'parenting-extension-ends',
  parentingExtensionEndsManager: 'parenting-extension-ends-manager',
  returnHomeInterviewDue: 'return-home-interview-due',
  returnHomeInterviewEscalation: 'return-home-interview-escalation',
  supervisionNotRecorded: 'supervision-not-recorded',
  supervisionDue: 'supervision-due',
  supervisionOverdue: 'supervision-overdue',
  supervisionOverdueForPractitioner: 'supervision-overdue-practitioner',
  weeklyDigest: 'weekly-digest',
  familyFeedbackMissing: 'family-feedback-missing',
} as const;

export type ReminderTemplate = (typeof REMINDER_TEMPLATES)[keyof typeof REMINDER_TEMPLATES];
