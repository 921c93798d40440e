// The running connector's admin API, for commands that cannot (or need not) open the store themselves: the
// embedded store belongs to the connector process while it runs. Bearer CONNECTOR_ADMIN_TOKEN.
import type { CliContext } from './context.js';

export interface AdminApi {
  /** JSON from `path` (`/admin/api/…`); a non-2xx answer throws with the status and body. */
  call<T>(path: string, init?: RequestInit): Promise<T>;
}

export function adminApi(context: Pick<CliContext, 'config'>, connectorUrl?: string): AdminApi {
  const baseUrl = connectorUrl ?? `http://127.0.0.1:${context.config.port}`;
  const headers = {
    authorization: `Bearer ${context.config.inbound.adminToken}`,
    'content-type': 'application/json',
  };
  return {
    async call<T>(path: string, init: RequestInit = {}): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, { ...init, headers });
      } catch {
        throw new Error(
          `no connector answers at ${baseUrl} (start it with npm start, or pass --url to the one that runs)`,
        );
      }
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}
