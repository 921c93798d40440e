// Emulated API extensions for carts: commercetools-mock stores extensions but never calls them, so the sandbox
// does what commercetools does on a cart create or update — when a registered extension's trigger matches (its
// condition evaluated by the mock's own query predicates), POST `{action, resource: {typeId, id, obj}}` to its
// URL with its Authorization header and timeout; apply the actions of a 200, and on a 400 or any failure fail
// the caller's request with commercetools' error shape.
// The write is performed first and undone when the extension refuses (a deleted cart, or the previous version
// restored), which gives the extension the cart exactly as it would be persisted. Real commercetools applies
// the extension's actions before the single write; here they are a second update (one more version).
import type { Cart, Extension, ExtensionTrigger } from '@commercetools/platform-sdk';
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';
import type { Logger } from '../../logger.js';

export interface ProxyResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}
type Inject = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Buffer) => Promise<ProxyResponse>;

/** A cart write: `POST /{pk}[/in-store/key={store}][/me]/carts` (create) or `…/carts/{id|key=…}` (update). */
export type CartWrite =
  | { kind: 'create'; query: string }
  | { kind: 'update'; resourcePath: string; query: string };

export function matchCartWrite(method: string, url: string, projectKey: string): CartWrite | undefined {
  if (method !== 'POST') return undefined;
  const [path = '', query = ''] = url.split('?');
  const segments = path.split('/').filter(Boolean);
  if (segments[0] !== projectKey) return undefined;
  let rest = segments.slice(1);
  if (rest[0] === 'in-store' && rest[1]?.startsWith('key=')) rest = rest.slice(2);
  if (rest[0] === 'me') rest = rest.slice(1);
  if (rest[0] !== 'carts' || rest.length > 2) return undefined;
  const search = query ? `?${query}` : '';
  if (rest.length === 1) return { kind: 'create', query: search };
  if (rest[1] === 'replicate') return undefined;
  return { kind: 'update', resourcePath: path, query: search };
}

export interface CartExtensionsOptions {
  mock: CommercetoolsMock;
  projectKey: string;
  logger?: Logger | undefined;
  fetch?: typeof fetch;
}

type Outcome =
  | { kind: 'actions'; actions: unknown[] }
  | { kind: 'rejected'; errors: ExtensionErrorBody[]; body: string }
  | { kind: 'bad-response'; message: string; statusCode?: number; body?: string }
  | { kind: 'no-response' };

interface ExtensionErrorBody {
  code: string;
  message: string;
  localizedMessage?: Record<string, string>;
  extensionExtraInfo?: unknown;
}

export function createCartExtensions(options: CartExtensionsOptions) {
  const { mock, projectKey, logger } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const project = mock.project(projectKey);
  const inject: Inject = (method, url, payload) =>
    mock.app.inject({
      method,
      url,
      ...(payload ? { payload, headers: { 'content-type': 'application/json' } } : {}),
    });
  const json = (response: ProxyResponse) => JSON.parse(response.rawPayload.toString('utf8')) as unknown;

  /** Extensions whose cart trigger covers this action, oldest first, with their unmasked credentials. */
  async function registered(
    action: 'Create' | 'Update',
  ): Promise<Array<{ extension: Extension; trigger: ExtensionTrigger }>> {
    const list = json(await inject('GET', `/${projectKey}/extensions?limit=500`)) as {
      results?: Extension[];
    };
    const found: Array<{ extension: Extension; trigger: ExtensionTrigger }> = [];
    for (const listed of list.results ?? []) {
      const trigger = listed.triggers.find((t) => t.resourceTypeId === 'cart' && t.actions.includes(action));
      // The API masks secrets on read; the mock's storage has the real header value, as commercetools does.
      if (trigger) found.push({ extension: await project.get('extension', listed.id), trigger });
    }
    return found.sort((a, b) => a.extension.createdAt.localeCompare(b.extension.createdAt));
  }

  async function conditionHolds(cartId: string, condition: string): Promise<boolean | 'unevaluable'> {
    const where = encodeURIComponent(`id = "${cartId}" and (${condition})`);
    const response = await inject('GET', `/${projectKey}/carts?where=${where}&limit=1`);
    if (response.statusCode !== 200) return 'unevaluable';
    return ((json(response) as { count?: number }).count ?? 0) > 0;
  }

  async function call(extension: Extension, input: unknown): Promise<Outcome> {
    if (extension.destination.type !== 'HTTP')
      return { kind: 'bad-response', message: 'only HTTP destinations are emulated' };
    const { url, authentication } = extension.destination;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authentication?.type === 'AuthorizationHeader') headers.authorization = authentication.headerValue;
    let status: number;
    let body: string;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(extension.timeoutInMs ?? 2000),
      });
      status = response.status;
      body = await response.text();
    } catch {
      return { kind: 'no-response' };
    }
    let parsed: { actions?: unknown; errors?: unknown } | undefined;
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return {
        kind: 'bad-response',
        message: 'The extension did not return the expected JSON.',
        statusCode: status,
        body,
      };
    }
    if ((status === 200 || status === 201) && Array.isArray(parsed?.actions))
      return { kind: 'actions', actions: parsed.actions };
    if (status === 400 && Array.isArray(parsed?.errors) && parsed.errors.length > 0)
      return { kind: 'rejected', errors: parsed.errors as ExtensionErrorBody[], body };
    return {
      kind: 'bad-response',
      message: `'${status}' is not an expected status code.`,
      statusCode: status,
      body,
    };
  }

  async function undo(write: CartWrite, cart: Cart, before: Cart | undefined): Promise<void> {
    if (write.kind === 'create')
      await inject('DELETE', `/${projectKey}/carts/${cart.id}?version=${cart.version}`);
    else if (before) await project.unsafeAdd('cart', before);
  }

  return {
    /** Runs `perform` (the write on the mock) the way commercetools runs a cart write with extensions. */
    async run(write: CartWrite, perform: () => Promise<ProxyResponse>): Promise<ProxyResponse> {
      const action = write.kind === 'create' ? 'Create' : 'Update';
      const extensions = await registered(action);
      if (extensions.length === 0) return perform();
      const before =
        write.kind === 'update' ? (json(await inject('GET', write.resourcePath)) as Cart) : undefined;
      let response = await perform();
      if (response.statusCode >= 300) return response;
      let cart = json(response) as Cart;
      for (const { extension, trigger } of extensions) {
        const ref = { extensionId: extension.id, ...(extension.key ? { extensionKey: extension.key } : {}) };
        if (trigger.condition) {
          const holds = await conditionHolds(cart.id, trigger.condition);
          if (holds === 'unevaluable') {
            await undo(write, cart, before);
            return errorResponse(400, [
              {
                code: 'ExtensionPredicateEvaluationFailed',
                message: 'The trigger condition could not be evaluated.',
                errorByExtension: { id: extension.id, key: extension.key },
              },
            ]);
          }
          if (!holds) continue;
        }
        const obj = extension.expansionPaths?.length
          ? json(
              await inject(
                'GET',
                `/${projectKey}/carts/${cart.id}?${extension.expansionPaths.map((p) => `expand=${encodeURIComponent(p)}`).join('&')}`,
              ),
            )
          : cart;
        const outcome = await call(extension, { action, resource: { typeId: 'cart', id: cart.id, obj } });
        if (outcome.kind === 'actions') {
          if (outcome.actions.length === 0) continue;
          const applied = await inject(
            'POST',
            `/${projectKey}/carts/${cart.id}${write.query}`,
            Buffer.from(JSON.stringify({ version: cart.version, actions: outcome.actions })),
          );
          if (applied.statusCode >= 300) {
            await undo(write, cart, before);
            const failed =
              (json(applied) as { errors?: Array<{ code: string; message: string }> }).errors ?? [];
            return errorResponse(400, [
              {
                code: 'ExtensionUpdateActionsFailed',
                message: 'The extension returned update actions that could not be executed.',
                extensionErrors: failed.map((e) => ({ code: e.code, message: e.message, ...ref })),
              },
            ]);
          }
          response = applied;
          cart = json(applied) as Cart;
          continue;
        }
        await undo(write, cart, before);
        logger?.debug(
          { extension: extension.key, outcome: outcome.kind },
          'sandbox cart extension refused the write',
        );
        return failureResponse(outcome, ref);
      }
      return response;
    },
  };
}

/** The caller's answer when an extension refuses or fails (reference §1.3 and API-REF types/error). */
function failureResponse(
  outcome: Exclude<Outcome, { kind: 'actions' }>,
  ref: { extensionId: string; extensionKey?: string },
): ProxyResponse {
  switch (outcome.kind) {
    case 'rejected':
      // Each of the extension's errors reaches the caller with its localized message and extra info.
      return errorResponse(
        400,
        outcome.errors.map((error) => ({
          code: 'ExtensionBadResponse',
          message: error.message,
          ...(error.localizedMessage ? { localizedMessage: error.localizedMessage } : {}),
          ...(error.extensionExtraInfo ? { extensionExtraInfo: error.extensionExtraInfo } : {}),
          extensionErrors: [{ code: error.code, message: error.message, ...ref }],
          extensionBody: outcome.body,
          extensionStatusCode: 400,
          ...ref,
        })),
      );
    case 'bad-response':
      return errorResponse(502, [
        {
          code: 'ExtensionBadResponse',
          message: outcome.message,
          extensionErrors: [],
          ...(outcome.body === undefined ? {} : { extensionBody: outcome.body }),
          ...(outcome.statusCode === undefined ? {} : { extensionStatusCode: outcome.statusCode }),
          ...ref,
        },
      ]);
    case 'no-response':
      return errorResponse(504, [
        { code: 'ExtensionNoResponse', message: 'Extension did not respond in time.', ...ref },
      ]);
  }
}

function errorResponse(
  statusCode: number,
  errors: Array<{ code: string; message: string } & Record<string, unknown>>,
): ProxyResponse {
  const body = { statusCode, message: errors[0]?.message ?? 'Extension error', errors };
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    rawPayload: Buffer.from(JSON.stringify(body)),
  };
}

export type CartExtensions = ReturnType<typeof createCartExtensions>;
