// Owns how an area's children's services front door is named in advice. Only
// public numbers from the seeds are configured; without one the advice falls
// back to a generic phrase rather than inventing a number.
import type { Area, ExistingInvolvement } from '../policy/index.js';

export const LOCAL_FRONT_DOOR = "your local children's services front door";

export function frontDoorText(area: Area): string {
  const { name, phone } = area.frontDoor;
  if (phone === '') return LOCAL_FRONT_DOOR;
  return name === '' ? `the children's services front door on ${phone}` : `${name} on ${phone}`;
}

/** Words for the existing-involvement fact, used in "already open" reasons. */
export const INVOLVEMENT_TEXT: Record<Exclude<ExistingInvolvement, 'none'>, string> = {
  'social-care': "children's social care",
  'early-help-plan': 'an early help plan with a lead professional',
};
