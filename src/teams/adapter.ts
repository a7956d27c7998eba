// Owns the Bot Framework adapter: authentication settings (SingleTenant by
// default, managed identity supported, anonymous only for local development).
import { AsyncLocalStorage } from 'node:async_hooks';
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication, type ConnectorClient, type ConnectorFactory } from 'botframework-connector';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../log/logger.js';

export function createAdapter(config: AppConfig, log?: Logger): TeamsAdapter {
  // botbuilder treats an empty app id as "authentication off" only for the
  // MultiTenant type; SingleTenant without an id is a configuration error.
  const appType = config.authEnabled ? config.MicrosoftAppType : 'MultiTenant';
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  if (config.BOTFRAMEWORK_OPENID_METADATA_URL || config.BOTFRAMEWORK_TOKEN_ISSUER) {
    // Setting any one of these makes botframework-connector take *all* of them
    // from the options (BotFrameworkAuthenticationFactory), leaving the rest
    // undefined (no issuer: every token refused). Start from the public cloud's.
    Object.assign(auth, {
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    } satisfies ConfigurationBotFrameworkAuthenticationOptions);
  }
  if (config.BOTFRAMEWORK_OPENID_METADATA_URL) {
    auth.ToBotFromChannelOpenIdMetadataUrl = config.BOTFRAMEWORK_OPENID_METADATA_URL;
    auth.ToBotFromEmulatorOpenIdMetadataUrl = config.BOTFRAMEWORK_OPENID_METADATA_URL;
  }
  if (config.BOTFRAMEWORK_TOKEN_ISSUER) auth.ToBotFromChannelTokenIssuer = config.BOTFRAMEWORK_TOKEN_ISSUER;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  // noRetryPolicy is what the connector's options promise; botframework-connector
  // 4.23's core-client compat layer ignores it, so withoutSdkRetries() below
  // does the work. Kept so a future SDK that honours it needs no change here.
  const adapter = new TeamsAdapter(auth, credentials, undefined, { noRetryPolicy: true });
  stripRetriesInsideProactiveSends(adapter);
  refuseEveryUnverifiedToken(adapter, log);
  return adapter;
}

// botframework-connector throws AuthenticationError (→ 401) for most bad
// tokens, but a bad signature, `alg: none`, a wrong algorithm or a token not
// yet valid surface as jsonwebtoken errors, which CloudAdapter answers with
// 500 and the error text. Every failure to authenticate is a 401 here, and is
// logged once without the token or the activity.
function refuseEveryUnverifiedToken(adapter: TeamsAdapter, log?: Logger): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
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
const proactiveScope = new AsyncLocalStorage<true>();
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/** Runs `work` so that connector clients created inside it do not retry on their own. */
export function withoutSdkRetries<T>(work: () => Promise<T>): Promise<T> {
  return proactiveScope.run(true, work);
}

function stripRetriesInsideProactiveSends(adapter: TeamsAdapter): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const createFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity): ConnectorFactory => {
    const factory = createFactory(identity);
    return {
      create: async (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const client = await factory.create(serviceUrl, audience);
        if (proactiveScope.getStore()) {
          (client as unknown as { client?: { pipeline?: { removePolicy(o: { name: string }): unknown } } }).client?.pipeline?.removePolicy({ name: SDK_RETRY_POLICY });
        }
        return client;
      },
    } as ConnectorFactory;
  };
}
