// Owns building Teams AI's OpenAIModel and ActionPlanner from configuration:
// Azure OpenAI with a key or the app's managed identity, or any
// OpenAI-compatible endpoint; prompts from prompts/<name>/. No retries (a
// busy model means the offline engine answers now), a timeout, JSON answers.
// Every HTTP exchange goes through one fetch that notes the status for our
// log and keeps a refused answer's body away from the library, which would
// print it to the console.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionPlanner, OpenAIModel, PromptManager, type TurnState } from '@microsoft/teams-ai';
import { ManagedIdentityCredential, getBearerTokenProvider } from '@azure/identity';
import type { ClientOptions } from 'openai';
import type { AppConfig } from '../../config/env.js';
import { scopedValue } from '../../log/request-context.js';

export const PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prompts');
const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** What one model call saw on the wire: its HTTP status, when it got one. */
export interface CallRecord { status?: number }
export const currentCall = scopedValue<CallRecord>('model call');

const quietFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const call = currentCall.get();
  if (call) call.status = res.status;
  if (res.ok) return res;
  // The library would log the whole error, body included: hand it an empty answer instead, which it rejects.
  return new Response(JSON.stringify({ choices: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
};

export function createChatModel(config: AppConfig): OpenAIModel {
  const common = {
    maxRetries: 0,
    useSystemMessages: true,
    responseFormat: { type: 'json_object' as const },
    // The openai client types fetch with its own shim types; Node's fetch is what it calls.
    // maxRetries above is Teams AI's own; it does not reach the openai client, whose default (2 retries,
    // honouring Retry-After) would send the family's redacted text again after we had given up and
    // answered offline. Our timeout is the whole budget: no retries behind the practitioner's back.
    clientOptions: { maxRetries: 0, timeout: config.LANGUAGE_MODEL_TIMEOUT_MS, fetch: quietFetch as unknown as NonNullable<ClientOptions['fetch']> },
  };
  if (config.LANGUAGE_MODEL === 'azure-openai') {
    return new OpenAIModel({
      ...common,
      azureEndpoint: config.LANGUAGE_MODEL_ENDPOINT!,
      azureDefaultDeployment: config.LANGUAGE_MODEL_DEPLOYMENT!,
      azureApiVersion: config.LANGUAGE_MODEL_API_VERSION,
      ...(config.LANGUAGE_MODEL_MANAGED_IDENTITY
        ? { azureADTokenProvider: getBearerTokenProvider(managedIdentity(config.LANGUAGE_MODEL_MANAGED_IDENTITY_CLIENT_ID), COGNITIVE_SERVICES_SCOPE) }
        : { azureApiKey: config.LANGUAGE_MODEL_API_KEY! }),
    });
  }
  return new OpenAIModel({
    ...common,
    endpoint: config.LANGUAGE_MODEL_ENDPOINT!,
    defaultModel: config.LANGUAGE_MODEL_DEPLOYMENT!,
    // Some OpenAI-compatible servers need no key; the client insists on one.
    apiKey: config.LANGUAGE_MODEL_API_KEY ?? 'none',
  });
}

function managedIdentity(clientId: string | undefined): ManagedIdentityCredential {
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

export function createPlanner(model: OpenAIModel): ActionPlanner<TurnState> {
  return new ActionPlanner<TurnState>({ model, prompts: new PromptManager({ promptsFolder: PROMPTS_DIR }), defaultPrompt: 'route-intent' });
}
