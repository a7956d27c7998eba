// Owns finding the commands closest to a message nobody understood, with
// minisearch (fuzzy and prefix search over each command, its description and
// a few ways people ask for it), so the help card can lead with them.
import MiniSearch from 'minisearch';

export interface Command { command: string; description: string; examples?: readonly string[] }

export class CommandSuggester {
  private readonly index = new MiniSearch<{ id: number; command: string; text: string }>({ fields: ['command', 'text'], storeFields: ['command'] });

  constructor(private readonly commands: readonly Command[]) {
    commands.forEach((c, id) => this.index.add({ id, command: c.command, text: [c.description, ...(c.examples ?? [])].join(' ') }));
  }

  closest(text: string, limit = 3): Command[] {
    const hits = this.index.search(text, { fuzzy: 0.25, prefix: true, boost: { command: 2 }, combineWith: 'OR' });
    return hits.slice(0, limit).map((h) => this.commands[h.id as number]!);
  }
}
