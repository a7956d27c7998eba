// Owns the tiny template syntax used in policy wording: "{name}" is replaced
// by a value the engine supplies. Policy files are checked at load time so a
// template only names placeholders its message actually receives.

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** Fills every known placeholder; unknown ones are left visible rather than blanked. */
export function renderTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
