// Owns making user-typed text safe to show in an Adaptive Card TextBlock from
// the app layer (cards render markdown; typed text must read literally). The
// same rules as src/teams/cards/render.ts, kept here so use cases that build
// card data for the outbox need no Teams import.
export function escapeText(input: string): string {
  return input
    .replace(/\\/g, '\\\\')
    .replace(/([*_~`[\]])/g, '\\$1')
    .replace(/\$\{/g, '$\u200b{')
    .replace(/^(\s*)([-+#>])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.')
    .replace(/</g, '&lt;');
}
