// Reads a stored message by id (Messages API, `GET /{projectKey}/messages/{id}`, scope view_messages). Messages
// are only stored while the project enables message querying (changeMessagesConfiguration), and only for
// `deleteDaysAfterCreation` days, so "not there" is an ordinary answer.
import type { Message } from '@commercetools/platform-sdk';
import type { CommercetoolsApi } from './order-access.js';

/**
 * The message, or undefined when commercetools does not keep it: querying disabled or expired (404), or the
 * API client lacks view_messages (403). Other failures throw, so the caller's job retries.
 */
export async function getStoredMessage(api: CommercetoolsApi, id: string): Promise<Message | undefined> {
  try {
    return (await api.messages().withId({ ID: id }).get().execute()).body;
  } catch (error) {
    const e = error as { statusCode?: number; body?: { statusCode?: number } };
    const status = e?.statusCode ?? e?.body?.statusCode;
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}

/**
 * The types of the stored messages of a resource within a range of sequence numbers; undefined when
 * commercetools keeps none of them (querying disabled or expired, or no view_messages scope): then nobody knows.
 */
export async function storedMessageTypes(
  api: CommercetoolsApi,
  resource: { id: string; fromSequence: number; toSequence: number },
): Promise<string[] | undefined> {
  try {
    const response = await api
      .messages()
      .get({
        queryArgs: {
          where: 'resource(id = :id) and sequenceNumber >= :from and sequenceNumber <= :to',
          'var.id': resource.id,
          'var.from': resource.fromSequence,
          'var.to': resource.toSequence,
          limit: 500,
          withTotal: false,
        },
      })
      .execute();
    const types = response.body.results.map((message) => message.type);
    return types.length > 0 ? types : undefined;
  } catch (error) {
    const e = error as { statusCode?: number; body?: { statusCode?: number } };
    const status = e?.statusCode ?? e?.body?.statusCode;
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}
