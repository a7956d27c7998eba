// Owns the two small pieces Teams AI's planner needs to complete a prompt
// outside a conversation: a Memory that lives for one call only (so no text
// about a family is written to conversation state), and a TurnContext over
// an adapter that sends nothing (the model call never replies to anyone).
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { Memory } from '@microsoft/teams-ai';

export class OneCallMemory implements Memory {
  private readonly values = new Map<string, unknown>();

  constructor(initial: Record<string, unknown>) {
    for (const [k, v] of Object.entries(initial)) this.setValue(k, v);
  }

  private key(path: string): string {
    return path.includes('.') ? path : `temp.${path}`;
  }

  deleteValue(path: string): void { this.values.delete(this.key(path)); }
  hasValue(path: string): boolean { return this.values.has(this.key(path)); }
  getValue<TValue = unknown>(path: string): TValue { return this.values.get(this.key(path)) as TValue; }
  setValue(path: string, value: unknown): void { this.values.set(this.key(path), value); }
}

class SilentAdapter extends BotAdapter {
  async sendActivities(): Promise<ResourceResponse[]> { throw new Error('the language model context sends nothing'); }
  async updateActivity(): Promise<void> { throw new Error('the language model context updates nothing'); }
  async deleteActivity(): Promise<void> { throw new Error('the language model context deletes nothing'); }
  async continueConversation(_reference: Partial<ConversationReference>): Promise<void> { throw new Error('the language model context has no conversation'); }
}

export function promptContext(): TurnContext {
  return new TurnContext(new SilentAdapter(), { type: 'message', text: '' } as Partial<Activity> as Activity);
}
