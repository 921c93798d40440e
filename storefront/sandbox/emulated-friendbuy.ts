// SANDBOX ONLY: an emulation of Friendbuy's friendbuy.js, served at /sandbox/friendbuy/friendbuy.js. It works
// through the `friendbuyAPI` queue with the commands the kit uses (merchant, track, auth, subscribe
// couponReceived, getVisitorStatus), reports every call to the emulator (`/sandbox/friendbuy/sdk/events`), and
// gets the visitor status for the `fbuy` token it saw on landing. A friend's coupon is delivered once per browser.
// Nothing here is Friendbuy's code; it imitates the documented protocol (friendbuy-api.md §4).

export {};

type Command = unknown[];
type Callback = (value: unknown) => void;
interface EmulatedStatus {
  status: string;
  payload: Record<string, unknown>;
  signature: string;
  friendIncentive?: { couponCode: string };
}

const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src.replace(/\/friendbuy\.js([?#].*)?$/, '') || '/sandbox/friendbuy';
const FBUY = 'fbemu:fbuy';
const DELIVERED = 'fbemu:delivered-coupons';

const landingToken = new URLSearchParams(location.search).get('fbuy');
if (landingToken) localStorage.setItem(FBUY, landingToken);

let status: Promise<EmulatedStatus> | undefined;
const visitorStatus = () => {
  status ??= fetch(
    `${base}/visitor-status?${new URLSearchParams({ fbuy: localStorage.getItem(FBUY) || '' })}`,
  ).then((response) => response.json() as Promise<EmulatedStatus>);
  return status;
};

// One report at a time, so the emulator records commands in the order they were pushed.
let reporting: Promise<unknown> = Promise.resolve();
function report(command: string, args: unknown[]): void {
  const body = JSON.stringify({ command, args: args.filter((arg) => typeof arg !== 'function') });
  const send = () =>
    fetch(`${base}/sdk/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      keepalive: true,
    });
  reporting = reporting.then(send, send);
}

async function deliverCoupon(callback: Callback): Promise<void> {
  const current = await visitorStatus();
  const code = current.friendIncentive?.couponCode;
  const delivered: string[] = JSON.parse(localStorage.getItem(DELIVERED) || '[]');
  const attributionId = String(current.payload.attributionId || '');
  if (!code || delivered.includes(attributionId)) return;
  localStorage.setItem(DELIVERED, JSON.stringify([...delivered, attributionId]));
  showFriendOffer(code);
  callback(code);
}

/** Stands in for Friendbuy's friend landing widget. */
function showFriendOffer(code: string): void {
  const banner = document.createElement('div');
  banner.id = 'fbemu-friend-offer';
  banner.textContent = `Emulated Friendbuy: you were referred! Your friend coupon ${code} goes to your cart. (×)`;
  banner.onclick = () => banner.remove();
  banner.style.cssText =
    'position:fixed;bottom:0;left:0;right:0;padding:12px;background:#2f6f4f;color:#fff;font:14px sans-serif;text-align:center';
  document.body.appendChild(banner);
}

function handle(command: Command): void {
  const [name, ...args] = command;
  if (typeof name !== 'string') return;
  report(name, args);
  if (name === 'getVisitorStatus' && typeof args[0] === 'function') {
    const callback = args[0] as Callback;
    void visitorStatus().then(({ status: state, payload, signature }) =>
      callback({ status: state, payload, signature }),
    );
  }
  if (name === 'subscribe' && args[0] === 'couponReceived' && typeof args[1] === 'function')
    void deliverCoupon(args[1] as Callback);
}

const waiting =
  (window as unknown as { friendbuyAPI?: Command[] & { merchantId?: string } }).friendbuyAPI || [];
const api = Object.assign([] as Command[], {
  merchantId: waiting.merchantId,
  push: (...commands: Command[]) => {
    for (const command of commands) handle(command);
    return 0;
  },
});
(window as unknown as { friendbuyAPI: typeof api }).friendbuyAPI = api;
for (const command of waiting) handle(command);
