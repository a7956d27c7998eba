// Owns the events use cases publish for operations (the metrics count them),
// through node:diagnostics_channel: publishing costs nothing when nobody
// listens, and the app layer needs no metrics library.
import diagnostics from 'node:diagnostics_channel';

export interface BookingRefusal { code: string }

/** A booking use case refused a change (e.g. HUB_FULL); published after its audit row. */
export const bookingRefusals = diagnostics.channel('right-response:booking-refused');

export function publishBookingRefusal(refusal: BookingRefusal): void {
  if (bookingRefusals.hasSubscribers) bookingRefusals.publish(refusal);
}
