// The Messages API the mock lacks, as far as the connector uses it: `GET /{projectKey}/messages/{id}` answers
// with a message the bridge published, but only while the project enables message querying (commercetools
// stores messages only then; `changeMessagesConfiguration` on the project switches it, as in a real project).
import type { MessageBridge } from './message-bridge.js';

export interface MessagesApiResponse {
  statusCode: number;
  body: unknown;
}

/**
 * Answers a GET for a stored message, or undefined when `url` is not one (the mock answers it then).
 * @example await storedMessageResponse(url, { projectKey, bridge, messagesEnabled }) // { statusCode: 200, body }
 */
export async function storedMessageResponse(
  url: string,
  options: { projectKey: string; bridge: MessageBridge; messagesEnabled: () => Promise<boolean> },
): Promise<MessagesApiResponse | undefined> {
  const path = url.split('?')[0] ?? '';
  const match = path.match(/^\/([^/]+)\/messages\/([^/]+)$/);
  if (!match || match[1] !== options.projectKey) return undefined;
  const id = decodeURIComponent(match[2] ?? '');
  const published = (await options.messagesEnabled())
    ? options.bridge.published().find((message) => message.id === id)
    : undefined;
  if (!published) {
    const message = `The Resource with ID '${id}' was not found.`;
    return {
      statusCode: 404,
      body: { statusCode: 404, message, errors: [{ code: 'ResourceNotFound', message }] },
    };
  }
  // A stored Message has the delivery's fields without the subscription's (notificationType, projectKey).
  const { notificationType: _n, projectKey: _p, ...message } = published;
  return { statusCode: 200, body: message };
}
