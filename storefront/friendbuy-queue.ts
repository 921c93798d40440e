// Friendbuy's loader (§4.1): the `friendbuyAPI` queue, the merchant id, then `friendbuy.js` and the merchant's
// `campaigns.js`. Commands pushed before the SDK loads wait in the queue; the SDK works through them.
import type { StorefrontConfig } from './types.js';

type FriendbuyQueue = unknown[] & { merchantId?: string };

declare global {
  interface Window {
    friendbuyAPI?: FriendbuyQueue;
  }
}

export type Push = (command: unknown[]) => void;

export function setupFriendbuy(config: Extract<StorefrontConfig, { enabled: true }>, baseUrl: string): Push {
  const queue: FriendbuyQueue = window.friendbuyAPI || [];
  window.friendbuyAPI = queue;
  queue.merchantId = config.merchantId;
  queue.push(['merchant', config.merchantId]);
  loadScript(new URL(config.friendbuyScriptUrl, `${baseUrl}/`).href);
  loadScript(new URL(config.campaignsScriptUrl, `${baseUrl}/`).href);
  // Look the queue up on every push: the SDK may replace the array with its own object once loaded.
  return (command) => {
    (window.friendbuyAPI || queue).push(command);
  };
}

function loadScript(src: string): void {
  // A shop that already includes Friendbuy's snippet must not load the SDK twice.
  for (const existing of Array.from(document.scripts)) if (existing.src === src) return;
  const script = document.createElement('script');
  script.async = true;
  script.src = src;
  document.head.appendChild(script);
}
