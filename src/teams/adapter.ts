// Owns the Bot Framework adapter: authentication settings (SingleTenant by
// default, managed identity supported, anonymous only for local development).
import { ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../config/env.js';

export function createAdapter(config: AppConfig): TeamsAdapter {
  // botbuilder treats an empty app id as "authentication off" only for the
  // MultiTenant type; SingleTenant without an id is a configuration error.
  const appType = config.authEnabled ? config.MicrosoftAppType : 'MultiTenant';
  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
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
  return new TeamsAdapter(auth, credentials);
}
