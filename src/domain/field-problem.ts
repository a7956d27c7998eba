// Owns the one shape of a problem with one field of a card, shared by every
// form (request sections, booking, rota): the card shows the message next to
// the field it names, with everything typed kept. Pure.

/** One problem, named by the id of the field it belongs next to ("children.1.dob"). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}
