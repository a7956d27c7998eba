// Owns how an area's children's services front door is named in advice. Only
// public numbers printed in the source documents are configured. An area with
// no number cannot start in production (areasWithoutFrontDoor); in development
// the advice says plainly that an administrator must configure one, rather
// than inventing a number or pretending there is one.
import type { Area, AreasPolicy, ExistingInvolvement } from '../policy/index.js';

export const LOCAL_FRONT_DOOR = "your local children's services front door";

export function hasFrontDoorNumber(area: Area): boolean {
  return area.frontDoor.phone !== '';
}

export function frontDoorText(area: Area): string {
  const { name, phone } = area.frontDoor;
  if (phone === '') return LOCAL_FRONT_DOOR;
  return name === '' ? `the children's services front door on ${phone}` : `${name} on ${phone}`;
}

/** The line shown where a number should be, in development only. */
export function missingFrontDoorText(area: Area): string {
  return `No front door number is configured for ${area.name}: ask your administrator to configure it. Until then, use your council's safeguarding procedures to reach the front door.`;
}

/** Areas a production start refuses: the immediate-risk card must always show a way to reach the front door. */
export function areasWithoutFrontDoor(areas: AreasPolicy): Area[] {
  return areas.areas.filter((area) => !hasFrontDoorNumber(area));
}

/** Words for the existing-involvement fact, used in "already open" reasons. */
export const INVOLVEMENT_TEXT: Record<Exclude<ExistingInvolvement, 'none'>, string> = {
  'social-care': "children's social care",
  'early-help-plan': 'an early help plan with a lead professional',
};
