// Delivers the sandbox's commercetools messages the way a Connect event app receives them: one Google Pub/Sub
// push per message, acknowledged by 102/200/201/202/204 and otherwise redelivered with backoff. Delivery is
// at least once and may be reordered, as in production; `configure` can make both more likely on purpose.
import { randomUUID } from 'node:crypto';
import type { MessageDeliveryPayload } from '@commercetools/platform-sdk';
import { encodePubSubEnvelope } from '../../commercetools/envelope.js';
import type { Logger } from '../../logger.js';
import type { MessageDraft, SandboxMessageBody } from './write-messages.js';

/** A Platform-format message delivery payload, with the message's own fields inlined (as commercetools does). */
export type SandboxMessage = MessageDeliveryPayload & SandboxMessageBody;

export interface BridgeSettings {
  /** Probability (0..1) that a message is delivered twice, as a second Pub/Sub message with its own id. */
  duplicateRate: number;
  /** Hold new messages briefly and deliver each small batch in shuffled order. */
  reorder: boolean;
  /**
   * The destination's message size limit: a larger message is delivered with `payloadNotIncluded` and without
   * its body and `type`, as commercetools does (Pub/Sub, the Connect default, takes 10 MB; SQS 256 KB).
   */
  maxPayloadBytes: number;
}

export interface MessageBridgeOptions {
  projectKey: string;
  logger?: Logger | undefined;
  now?: (() => Date) | undefined;
  random?: (() => number) | undefined;
  /** Redelivery schedule; sandbox defaults: 200 ms doubling, capped at 5 s, given up after 50 attempts. */
  retry?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number } | undefined;
}

export interface MessageBridge {
  /** Turns drafts into messages (ids, per-resource sequence numbers, timestamps) and queues their delivery. */
  publish(drafts: readonly MessageDraft[]): SandboxMessage[];
  /** Where to push, e.g. `http://127.0.0.1:8080/events/commercetools?token=…`. Messages wait until it is set. */
  deliverTo(url: string): void;
  configure(settings: Partial<BridgeSettings>): BridgeSettings;
  pause(): void;
  resume(): void;
  /** Resolves once nothing is held, queued or in flight (never while paused or without a target and work left). */
  idle(): Promise<void>;
  /** Every message published so far, in publish order (duplicates are a delivery matter and not listed). */
  published(): SandboxMessage[];
  /**
   * Drops everything queued and stops for good; resolves once the delivery in flight settled. It is not aborted:
   * a request cut half-sent would hold the connector's server open until its request timeout.
   */
  stop(): Promise<void>;
}

// Pub/Sub push treats these as acknowledgements; anything else is redelivered.
const ACK_STATUSES = new Set([102, 200, 201, 202, 204]);
// Pub/Sub's default push acknowledgement deadline.
const PUSH_TIMEOUT_MS = 10_000;
const REORDER_HOLD_MS = 100;
const REORDER_BATCH = 5;
const SUBSCRIPTION = 'projects/ct-friendbuy-sandbox/subscriptions/commercetools-messages';
const PUBSUB_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

interface Delivery {
  message: SandboxMessage;
  messageId: string;
  publishTime: string;
  attempts: number;
  dueAt: number;
}

export function createMessageBridge(options: MessageBridgeOptions): MessageBridge {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const log = options.logger;
  const initialDelayMs = options.retry?.initialDelayMs ?? 200;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5_000;
  const maxAttempts = options.retry?.maxAttempts ?? 50;

  const settings: BridgeSettings = {
    duplicateRate: 0,
    reorder: false,
    maxPayloadBytes: PUBSUB_MAX_MESSAGE_BYTES,
  };
  const sequenceNumbers = new Map<string, number>();
  const published: SandboxMessage[] = [];
  let held: Delivery[] = [];
  let queue: Delivery[] = [];
  let inFlight: Promise<void> | undefined;
  let target: string | undefined;
  let paused = false;
  let stopped = false;
  let pumpTimer: NodeJS.Timeout | undefined;
  let holdTimer: NodeJS.Timeout | undefined;
  let idleWaiters: Array<() => void> = [];

  function toMessage(draft: MessageDraft): SandboxMessage {
    const sequenceNumber = (sequenceNumbers.get(draft.resource.id) ?? 0) + 1;
    sequenceNumbers.set(draft.resource.id, sequenceNumber);
    const at = now().toISOString();
    return {
      notificationType: 'Message',
      projectKey: options.projectKey,
      id: randomUUID(),
      version: 1,
      sequenceNumber,
      resource: draft.resource,
      resourceVersion: draft.resourceVersion,
      ...(draft.resourceUserProvidedIdentifiers
        ? { resourceUserProvidedIdentifiers: draft.resourceUserProvidedIdentifiers }
        : {}),
      createdAt: at,
      lastModifiedAt: at,
      ...draft.body,
    } as SandboxMessage;
  }

  function delivery(message: SandboxMessage): Delivery {
    return { message, messageId: randomUUID(), publishTime: now().toISOString(), attempts: 0, dueAt: 0 };
  }

  function enqueue(deliveries: Delivery[]): void {
    if (!settings.reorder) {
      queue.push(...deliveries);
      schedulePump(0);
    } else {
      held.push(...deliveries);
      if (held.length >= REORDER_BATCH) releaseHeld();
      else holdTimer ??= setTimeout(releaseHeld, REORDER_HOLD_MS).unref();
    }
  }

  function releaseHeld(): void {
    clearTimeout(holdTimer);
    holdTimer = undefined;
    queue.push(...shuffle(held, random));
    held = [];
    schedulePump(0);
  }

  function schedulePump(delayMs: number): void {
    if (stopped) return;
    clearTimeout(pumpTimer);
    pumpTimer = setTimeout(pump, Math.max(0, delayMs)).unref();
  }

  /** Sends the next due delivery, one at a time so that, absent failures and reordering, order is kept. */
  function pump(): void {
    pumpTimer = undefined;
    const nowMs = Date.now();
    const next = stopped || paused || !target || inFlight ? undefined : queue.find((d) => d.dueAt <= nowMs);
    if (!target || !next) {
      if (!inFlight && !paused && queue.length > 0) {
        schedulePump(Math.min(...queue.map((d) => d.dueAt)) - nowMs);
      }
      notifyIfIdle();
      return;
    }
    inFlight = send(next, target).finally(() => {
      inFlight = undefined;
      schedulePump(0);
    });
  }

  async function send(d: Delivery, url: string): Promise<void> {
    d.attempts++;
    let outcome: string;
    try {
      const envelope = encodePubSubEnvelope(fitted(d.message, settings.maxPayloadBytes), d.messageId, {
        publishTime: d.publishTime,
        subscription: SUBSCRIPTION,
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (ACK_STATUSES.has(response.status)) {
        queue = queue.filter((q) => q !== d);
        log?.debug(
          { messageId: d.messageId, type: d.message.type, attempts: d.attempts },
          'message acknowledged',
        );
        return;
      }
      outcome = `HTTP ${response.status}`;
    } catch (error) {
      if (stopped) return;
      outcome = error instanceof Error ? error.message : String(error);
    }
    const context = { messageId: d.messageId, type: d.message.type, attempts: d.attempts, outcome };
    if (d.attempts >= maxAttempts) {
      queue = queue.filter((q) => q !== d);
      log?.error(context, 'sandbox gave up delivering a commercetools message');
      return;
    }
    const delayMs = Math.min(initialDelayMs * 2 ** (d.attempts - 1), maxDelayMs);
    d.dueAt = Date.now() + delayMs;
    log?.warn({ ...context, retryInMs: delayMs }, 'commercetools message not acknowledged; redelivering');
  }

  function notifyIfIdle(): void {
    const idle = stopped || (held.length === 0 && queue.length === 0 && !inFlight);
    if (!idle || idleWaiters.length === 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    publish(drafts) {
      if (stopped) return [];
      const messages = drafts.map(toMessage);
      published.push(...messages);
      const deliveries: Delivery[] = [];
      for (const message of messages) {
        deliveries.push(delivery(message));
        if (random() < settings.duplicateRate) deliveries.push(delivery(message));
      }
      if (deliveries.length > 0) enqueue(deliveries);
      return messages;
    },
    deliverTo(url) {
      target = url;
      schedulePump(0);
    },
    configure(patch) {
      if (patch.duplicateRate !== undefined) {
        if (!(patch.duplicateRate >= 0 && patch.duplicateRate <= 1)) {
          throw new RangeError('duplicateRate must be between 0 and 1');
        }
        settings.duplicateRate = patch.duplicateRate;
      }
      if (patch.maxPayloadBytes !== undefined) {
        if (!(patch.maxPayloadBytes > 0)) throw new RangeError('maxPayloadBytes must be positive');
        settings.maxPayloadBytes = patch.maxPayloadBytes;
      }
      if (patch.reorder !== undefined) {
        settings.reorder = patch.reorder;
        if (!patch.reorder && held.length > 0) releaseHeld();
      }
      return { ...settings };
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      schedulePump(0);
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        notifyIfIdle();
      });
    },
    published: () => [...published],
    async stop() {
      stopped = true;
      clearTimeout(pumpTimer);
      clearTimeout(holdTimer);
      held = [];
      queue = [];
      notifyIfIdle();
      await inFlight;
    },
  };
}

/** The message as delivered: whole, or without its payload when it exceeds the destination's limit. */
function fitted(message: SandboxMessage, maxBytes: number): unknown {
  if (Buffer.byteLength(JSON.stringify(message)) <= maxBytes) return message;
  const { notificationType, projectKey, id, version, sequenceNumber, resource, resourceVersion } = message;
  const { resourceUserProvidedIdentifiers, createdAt, lastModifiedAt, type } = message;
  return {
    notificationType,
    projectKey,
    id,
    version,
    sequenceNumber,
    resource,
    resourceVersion,
    ...(resourceUserProvidedIdentifiers ? { resourceUserProvidedIdentifiers } : {}),
    createdAt,
    lastModifiedAt,
    payloadNotIncluded: { reason: 'Payload too large.', payloadType: type },
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
