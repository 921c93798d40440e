// An SDK client on the sandbox's emulated commercetools, as a storefront, a test or the benchmark uses it (the
// emulator accepts any client credentials; `clientId` only names the caller).
import { createCommercetoolsClient } from '../commercetools/client.js';
import type { CommercetoolsApi } from '../commercetools/order-access.js';

export interface SandboxUrls {
  projectKey: string;
  commercetoolsApiUrl: string;
  commercetoolsAuthUrl: string;
}

export function sandboxApiClient(urls: SandboxUrls, clientId: string): CommercetoolsApi {
  return createCommercetoolsClient({
    projectKey: urls.projectKey,
    clientId,
    clientSecret: clientId,
    apiUrl: urls.commercetoolsApiUrl,
    authUrl: urls.commercetoolsAuthUrl,
  });
}
