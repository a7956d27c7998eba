// Owns the Bot Framework adapter: authentication settings (SingleTenant by
// default, managed identity supported, anonymous only for local development).
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { AuthenticationConstants } from 'botframework-connector';
import { checkTeamsLibraries, refuseEveryUnverifiedToken, reuseClientsBetweenTurns, stripRetriesInsideProactiveSends } from './library-internals.js';
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
  // 4.23's core-client compat layer ignores it, so withoutSdkRetries() (library-internals.ts)
  // does the work. Kept so a future SDK that honours it needs no change here.
  const adapter = new TeamsAdapter(auth, credentials, undefined, { noRetryPolicy: true });
  checkTeamsLibraries(adapter);
  stripRetriesInsideProactiveSends(adapter);
  reuseClientsBetweenTurns(adapter);
  refuseEveryUnverifiedToken(adapter, log);
  return adapter;
}
