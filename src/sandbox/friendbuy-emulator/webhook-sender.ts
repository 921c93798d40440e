// Delivers the emulated Friendbuy's webhooks the way Friendbuy does: a POST of the envelope, signed with the
// account Secret Key over the exact body bytes (`X-Friendbuy-Hmac-SHA256`), and any answer but 200 retried.
// Friendbuy retries every 15 minutes for 24 hours (S1); the sandbox retries after 200 ms, doubling to 5 s.

import { SIGNATURE_HEADER, signBody } from '../../friendbuy/signature.js';
import type { Logger } from '../../logger.js';

export interface WebhookEnvelope {
  id: string;
  type: string;
  createdOn: string;
  data: Record<string, unknown>[];
}

export interface WebhookDelivery {
  webhook: WebhookEnvelope;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** The HTTP status or network error of the last attempt. */
  lastOutcome?: string;
}

export interface WebhookSenderOptions {
  /** Friendbuy's account Secret Key (the connector's FRIENDBUY_SECRET_KEY). */
  secretKey: string;
  logger?: Logger | undefined;
  retry?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number } | undefined;
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

// S8: Friendbuy waits 10 s for an answer.
const TIMEOUT_MS = 10_000;

export function createWebhookSender(options: WebhookSenderOptions) {
  const initialDelayMs = options.retry?.initialDelayMs ?? 200;
  const maxDelayMs = options.retry?.maxDelayMs ?? 5_000;
  const maxAttempts = options.retry?.maxAttempts ?? 30;
  const deliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const waiting: WebhookDelivery[] = [];
  let target: string | undefined;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  function attempt(delivery: WebhookDelivery, url: string): void {
    const sent = send(delivery, url).finally(() => {
      inFlight.delete(sent);
      notifyIfIdle();
    });
    inFlight.add(sent);
  }

  async function send(delivery: WebhookDelivery, url: string): Promise<void> {
    delivery.attempts++;
    // The bytes signed are the bytes sent: the receiver must verify the raw body, not a re-serialisation.
    const body = JSON.stringify(delivery.webhook);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signBody(body, options.secretKey),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer();
      delivery.lastOutcome = `HTTP ${response.status}`;
      // Friendbuy treats only 200 as delivered.
      if (response.status === 200) {
        delivery.status = 'delivered';
        return;
      }
    } catch (error) {
      delivery.lastOutcome = error instanceof Error ? error.message : String(error);
    }
    if (stopped) return;
    const context = {
      webhookId: delivery.webhook.id,
      attempts: delivery.attempts,
      outcome: delivery.lastOutcome,
    };
    if (delivery.attempts >= maxAttempts) {
      delivery.status = 'failed';
      options.logger?.error(context, 'sandbox Friendbuy gave up delivering a webhook');
      return;
    }
    const delayMs = Math.min(initialDelayMs * 2 ** (delivery.attempts - 1), maxDelayMs);
    options.logger?.warn({ ...context, retryInMs: delayMs }, 'webhook not acknowledged with 200; retrying');
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) attempt(delivery, url);
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  function notifyIfIdle(): void {
    const idle = stopped || (inFlight.size === 0 && timers.size === 0 && (waiting.length === 0 || !target));
    if (!idle) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    /** Queues a webhook; it is sent as soon as a target is set. */
    send(webhook: WebhookEnvelope): WebhookDelivery {
      const delivery: WebhookDelivery = { webhook, status: 'pending', attempts: 0 };
      deliveries.push(delivery);
      if (target && !stopped) attempt(delivery, target);
      else waiting.push(delivery);
      return delivery;
    },
    /** Where the connector receives webhooks, e.g. `http://127.0.0.1:8080/webhooks/friendbuy`. */
    deliverTo(url: string): void {
      target = url;
      for (const delivery of waiting.splice(0)) attempt(delivery, url);
    },
    deliveries(): WebhookDelivery[] {
      return deliveries.map((delivery) => ({ ...delivery }));
    },
    /** Resolves once nothing is in flight or waiting for a retry. */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        notifyIfIdle();
      });
    },
    /** Cancels pending retries and stops sending for good. */
    stop(): void {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      notifyIfIdle();
    },
  };
}
