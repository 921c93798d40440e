// Whether commercetools still delivers to the connector: its Subscription's health status and shape (the
// destination and messages setup gives it) and its cart API extension's registration, judged from what the
// delivery health job read. A subscription that is not healthy comes with what the operator should do.

/** commercetools' SubscriptionHealthStatus values. */
export type SubscriptionHealthStatus =
  | 'Healthy'
  | 'TemporaryError'
  | 'ConfigurationError'
  | 'ConfigurationErrorDeliveryStopped'
  | 'ManuallySuspended';

export interface ObservedSubscription {
  status: string;
  destination: Readonly<Record<string, unknown>>;
  messages: ReadonlyArray<{ resourceTypeId: string; types?: readonly string[] | undefined }>;
}

export interface ExpectedSubscription {
  /** The destination setup creates, when the configuration names one (the Connect topic); else not compared. */
  destination?: Readonly<Record<string, unknown>> | undefined;
  messages: ReadonlyArray<{ resourceTypeId: string; types?: readonly string[] | undefined }>;
}

export type SubscriptionState = SubscriptionHealthStatus | 'missing' | 'not-configured';
export type ExtensionState = 'registered' | 'missing' | 'misconfigured' | 'not-configured';

export interface DeliveryHealth {
  /** `not-configured` when there is neither a subscription nor an extension to expect (e.g. the sandbox). */
  status: 'healthy' | 'unhealthy' | 'not-configured';
  checkedAt: string;
  subscription: { state: SubscriptionState; problems: string[]; advice?: string | undefined };
  extension: { state: ExtensionState; url?: string | undefined; problems: string[] };
}

const RERUN_SETUP =
  're-run setup (`ct-friendbuy setup`, or redeploy the Connect connector, whose postDeploy runs it)';

/** What to do about each unhealthy status (commercetools' Subscriptions documentation, "Health status"). */
export const SUBSCRIPTION_ADVICE: Readonly<Record<Exclude<SubscriptionHealthStatus, 'Healthy'>, string>> = {
  TemporaryError:
    'commercetools cannot deliver to the destination for now and keeps retrying: check that the topic or queue is up and accepts messages',
  ConfigurationError:
    'commercetools cannot deliver because of how the destination is set up (a missing topic or queue, or a permission) and retries for a while: fix the destination',
  ConfigurationErrorDeliveryStopped: `commercetools stopped delivering messages: fix the destination (topic or queue, and its permissions), then ${RERUN_SETUP} so delivery resumes`,
  ManuallySuspended:
    'commercetools suspended the subscription: ask commercetools support to resume it, then check this again',
};

export function judgeSubscription(
  observed: ObservedSubscription | undefined,
  expected: ExpectedSubscription,
): DeliveryHealth['subscription'] {
  if (!observed) {
    if (!expected.destination) return { state: 'not-configured', problems: [] };
    return {
      state: 'missing',
      problems: ['the subscription setup creates does not exist'],
      advice: RERUN_SETUP,
    };
  }
  const problems: string[] = [];
  // A status this version does not know yet is reported as it is, and counts as not healthy.
  const state = observed.status as SubscriptionState;
  if (state !== 'Healthy') problems.push(`status is ${observed.status}`);
  for (const [field, value] of Object.entries(expected.destination ?? {})) {
    if (observed.destination[field] !== value)
      problems.push(
        `destination ${field} is ${String(observed.destination[field])}, setup sets ${String(value)}`,
      );
  }
  const missing = missingMessageTypes(observed.messages, expected.messages);
  if (missing.length > 0) problems.push(`does not subscribe to ${missing.join(', ')}`);
  const advice =
    state !== 'Healthy' && Object.hasOwn(SUBSCRIPTION_ADVICE, state)
      ? SUBSCRIPTION_ADVICE[state as keyof typeof SUBSCRIPTION_ADVICE]
      : problems.length > 0
        ? RERUN_SETUP
        : undefined;
  return { state, problems, ...(advice ? { advice } : {}) };
}

export function judgeExtension(
  observed: { url: string | undefined } | undefined,
  expectedUrl: string | undefined,
): DeliveryHealth['extension'] {
  if (!observed) {
    if (!expectedUrl) return { state: 'not-configured', problems: [] };
    return { state: 'missing', problems: [`no cart API extension is registered; ${RERUN_SETUP}`] };
  }
  if (expectedUrl && observed.url !== expectedUrl)
    return {
      state: 'misconfigured',
      url: observed.url,
      problems: [`it calls ${observed.url ?? 'no HTTP URL'}, not ${expectedUrl}; ${RERUN_SETUP}`],
    };
  return { state: 'registered', url: observed.url, problems: [] };
}

export function deliveryHealth(
  subscription: DeliveryHealth['subscription'],
  extension: DeliveryHealth['extension'],
  checkedAt: Date,
): DeliveryHealth {
  const unhealthy = subscription.problems.length > 0 || extension.problems.length > 0;
  const unconfigured = subscription.state === 'not-configured' && extension.state === 'not-configured';
  return {
    status: unhealthy ? 'unhealthy' : unconfigured ? 'not-configured' : 'healthy',
    checkedAt: checkedAt.toISOString(),
    subscription,
    extension,
  };
}

/** `Resource.Type` pairs setup subscribes to that the subscription lacks (no `types` means all of them). */
function missingMessageTypes(
  observed: ObservedSubscription['messages'],
  expected: ExpectedSubscription['messages'],
): string[] {
  const missing: string[] = [];
  for (const want of expected) {
    const have = observed.find((message) => message.resourceTypeId === want.resourceTypeId);
    if (!have) {
      missing.push(`${want.resourceTypeId} messages`);
      continue;
    }
    if (!have.types || have.types.length === 0) continue;
    for (const type of want.types ?? []) if (!have.types.includes(type)) missing.push(type);
  }
  return missing;
}
