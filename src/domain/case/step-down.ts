// Owns which request outcomes are a step down that can continue with the same
// practitioner (BRIEF: shared vocabulary; Barnet: the same practitioner stays
// involved where possible): a step down to an early help assessment or to
// Universal Plus. A step down to universal services ends the hub's work.
export function continuesAfterStepDown(endReason: string | null | undefined): boolean {
  return typeof endReason === 'string' && endReason.startsWith('stepped-down-');
}
