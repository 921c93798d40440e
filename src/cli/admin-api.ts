// The running connector's admin API, for commands that cannot (or need not) open the store themselves: the
// embedded store belongs to the connector process while it runs, and the sandbox's commercetools lives in it.
// Bearer CONNECTOR_ADMIN_TOKEN. A refusal becomes an error carrying the connector's own message.
import type { CliContext } from './context.js';

export interface AdminApi {
  /** The answer to `path` (`/admin/api/…`); a non-2xx answer throws with the connector's message. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** JSON from `path`. */
  call<T>(path: string, init?: RequestInit): Promise<T>;
}

export function adminApi(context: Pick<CliContext, 'config'>, connectorUrl?: string): AdminApi {
  const baseUrl = connectorUrl ?? `http://127.0.0.1:${context.config.port}`;
  const headers = {
    authorization: `Bearer ${context.config.inbound.adminToken}`,
    'content-type': 'application/json',
  };
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { ...init, headers });
    } catch {
      throw new Error(
        `no connector answers at ${baseUrl}: start it (npm start), or pass --url to the one that runs`,
      );
    }
    if (!response.ok) throw new Error(await refusal(path, response));
    return response;
  };
  return {
    request,
    call: async <T>(path: string, init?: RequestInit) => (await request(path, init)).json() as T,
  };
}

async function refusal(path: string, response: Response): Promise<string> {
  const text = await response.text();
  try {
    const { message } = JSON.parse(text) as { message?: unknown };
    if (typeof message === 'string') return message;
  } catch {
    // not the connector's JSON error shape: show the answer as it came
  }
  return `${path} answered ${response.status}: ${text}`;
}
