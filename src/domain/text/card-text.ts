// Owns making user-typed text safe to show in an Adaptive Card TextBlock.
// Cards render a markdown subset and templating expands ${…}; typed text must
// read literally. Pure, so use cases that build outbox card data can use it
// without a Teams import.
export function escapeCardText(input: string): string {
  return input
    .replace(/\\/g, '\\\\')
    .replace(/([*_~`[\]])/g, '\\$1')
    .replace(/\$\{/g, '$\u200b{')
    .replace(/^(\s*)([-+#>])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.')
    .replace(/</g, '&lt;');
}
