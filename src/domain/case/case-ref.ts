// Owns comparing case references however they were typed ("LCS-204518",
// "lcs 204518"): letters and digits only, as cases.ref_key does (migration 040).
export function caseRefKey(caseRef: string): string {
  return caseRef.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
