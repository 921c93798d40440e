// commercetools-mock updates a Subscription only with `setKey`; the real API also has `changeDestination` and
// `setMessages`, which `setup` uses to update its Subscription in place on every deploy (reference §2.1). The
// sandbox adds those two to the mock's handler so that a redeploy runs the same calls as in production.
import type {
  Subscription,
  SubscriptionChangeDestinationAction,
  SubscriptionSetMessagesAction,
} from '@commercetools/platform-sdk';
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

type Handler = Record<string, unknown>;
/** The mock hands handlers a working copy of the resource to change. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function addSubscriptionUpdateActions(mock: CommercetoolsMock): void {
  // The mock keeps its repositories private; this is the one place the sandbox reaches into them.
  const repositories = (mock as unknown as { _repositories: { subscription: { actions: Handler } } | null })
    ._repositories;
  const handler = repositories?.subscription.actions;
  if (!handler) throw new Error('commercetools-mock: no subscription repository to extend');
  handler.changeDestination = (
    _context: unknown,
    resource: Writable<Subscription>,
    { destination }: SubscriptionChangeDestinationAction,
  ) => {
    resource.destination = destination;
  };
  handler.setMessages = (
    _context: unknown,
    resource: Writable<Subscription>,
    { messages }: SubscriptionSetMessagesAction,
  ) => {
    resource.messages = messages ?? [];
  };
}
