// Runs one Friendbuy call for an outbox job: errors Friendbuy will repeat (a 400 on our payload) become
// permanent so the job is dead-lettered at once with Friendbuy's answer; the rest are retried by the outbox.
import { FriendbuyApiError } from '../friendbuy/api-error.js';
import { PermanentJobError } from './job.js';

export async function callFriendbuy<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof FriendbuyApiError && !error.retryable) {
      const detail = error.body ? ` ${JSON.stringify(error.body)}` : '';
      throw new PermanentJobError(`${error.endpoint} answered ${error.status ?? 'nothing'}:${detail}`, {
        cause: error,
      });
    }
    throw error;
  }
}
