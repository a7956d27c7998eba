// Owns every patch this app makes to a library's private parts, and the
// start-up check of the versions and shapes those patches rely on, so that a
// library upgrade fails loudly at start instead of silently undoing a fix:
// - botframework-connector: every failure to authenticate is a 401 (a
//   patched BotFrameworkAuthentication.authenticateRequest, private field);
// - @azure/core-rest-pipeline inside the ConnectorClient: its retry policy is
//   removed for proactive sends (our delivery job owns retries);
// - CloudAdapter: the connector and user-token clients of a turn are reused
//   between turns instead of built anew for each (reuseClientsBetweenTurns).
// graphile-worker's private tables are read in src/store/job-queue.ts, which
// checks their shape at start-up the same way (checkJobQueueShape).
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import type { Logger } from '../log/logger.js';
import { scopedValue } from '../log/request-context.js';
import { checkVersions, LibraryShapeError } from '../config/library-versions.js';

/** The versions the patches below were written and tested against (major.minor). */
export const PATCHED_VERSIONS: Record<string, string> = {
  'botbuilder': '4.23',
  'botframework-connector': '4.23',
  '@microsoft/teams-ai': '1.7',
  '@azure/core-rest-pipeline': '1.',
};

function privateAuth(adapter: TeamsAdapter): BotFrameworkAuthentication {
  return (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
}

/** Throws LibraryShapeError unless the installed libraries are the ones the patches were written for. */
export function checkTeamsLibraries(adapter: TeamsAdapter): void {
  checkVersions(PATCHED_VERSIONS);
  const auth = privateAuth(adapter) as Partial<BotFrameworkAuthentication> | undefined;
  if (typeof auth?.authenticateRequest !== 'function' || typeof auth.createConnectorFactory !== 'function' || typeof auth.createUserTokenClient !== 'function') {
    throw new LibraryShapeError('CloudAdapter no longer has botFrameworkAuthentication.authenticateRequest, createConnectorFactory and createUserTokenClient: the authentication, retry and client patches in src/teams/library-internals.ts would not apply.');
  }
}

// botframework-connector throws AuthenticationError (→ 401) for most bad
// tokens, but a bad signature, `alg: none`, a wrong algorithm or a token not
// yet valid surface as jsonwebtoken errors, which CloudAdapter answers with
// 500 and the error text. Every failure to authenticate is a 401 here, and is
// logged once without the token or the activity.
export function refuseEveryUnverifiedToken(adapter: TeamsAdapter, log?: Logger): void {
  const auth = privateAuth(adapter);
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      const reason = err instanceof AuthenticationError ? 'AuthenticationError' : err instanceof Error ? err.name : 'unknown';
      log?.warn({ reason, hasToken: authHeader.trim() !== '' }, 'request refused: the Bot Framework token did not verify');
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError('Unauthorized. The token could not be verified.', 401);
    }
  };
}

// The ConnectorClient's pipeline (@azure/core-rest-pipeline) retries 429
// (sleeping for Retry-After) and 5xx up to three times inside one call. For
// proactive sends our delivery job owns retries: it records Retry-After per
// recipient, lets other recipients' jobs run meanwhile and survives restarts,
// none of which an in-process sleep does. Turn replies keep the SDK retries.
const proactiveScope = scopedValue<true>('proactive send');
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/** Runs `work` so that connector clients created inside it do not retry on their own. */
export function withoutSdkRetries<T>(work: () => Promise<T>): Promise<T> {
  return proactiveScope.run(true, work);
}

export function stripRetriesInsideProactiveSends(adapter: TeamsAdapter): void {
  const auth = privateAuth(adapter);
  const createFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity): ConnectorFactory => {
    const factory = createFactory(identity);
    return {
      create: async (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const client = await factory.create(serviceUrl, audience);
        if (proactiveScope.get()) {
          (client as unknown as { client?: { pipeline?: { removePolicy(o: { name: string }): unknown } } }).client?.pipeline?.removePolicy({ name: SDK_RETRY_POLICY });
        }
        return client;
      },
    } as ConnectorFactory;
  };
}

// CloudAdapter builds a new ConnectorClient and a new UserTokenClient for every
// incoming activity, each with its own HTTP pipeline (a dozen policies, a
// sanitizer, proxy settings read from the environment): about a tenth of a
// turn's CPU here, and garbage for the collector. Both are stateless between
// calls apart from their credentials' token cache, which is better shared, so
// a turn reuses the ones built for the same bot, service URL and audience.
// Bounded: with authentication off, anyone could send any service URL.
const REUSED_CLIENTS_MAX = 64;

function reusing<T>(max: number): (key: string, build: () => Promise<T>) => Promise<T> {
  const built = new Map<string, Promise<T>>();
  return (key, build) => {
    let client = built.get(key);
    if (client) {
      // Most recently used last: the first key is the one to let go.
      built.delete(key);
    } else {
      client = build();
      // A failed build is not kept: the next turn tries again.
      client.catch(() => { if (built.get(key) === client) built.delete(key); });
    }
    built.set(key, client);
    if (built.size > max) built.delete(built.keys().next().value as string);
    return client;
  };
}

// The bot's own app id, as the library finds it to build the clients' credentials: the token's audience
// (a Teams channel token), else its appid claim (the emulator), else none (authentication off).
const appIdOf = (identity: ClaimsIdentity | undefined): string =>
  identity?.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity?.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';

export function reuseClientsBetweenTurns(adapter: TeamsAdapter): void {
  const auth = privateAuth(adapter);
  const connector = reusing<ConnectorClient>(REUSED_CLIENTS_MAX);
  const userToken = reusing<UserTokenClient>(REUSED_CLIENTS_MAX);
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    result.connectorFactory = {
      create: (serviceUrl: string, audience?: string) => connector(JSON.stringify([appId, serviceUrl, audience ?? '']), () => factory.create(serviceUrl, audience)),
    } as ConnectorFactory;
    return result;
  };
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (identity) => userToken(appIdOf(identity), () => createUserTokenClient(identity));
}
