// The fraud signals in words, for the queue's filter and the case page. The names are the connector's
// (src/domain/fraud/signal.ts); the console is bundled on its own, so the list is repeated here.
import { humanize } from './format';

export const SIGNAL_NAMES: Record<string, string> = {
  sameCustomerId: 'Same customer account',
  sameEmail: 'Same email',
  similarEmail: 'Similar email',
  sameShippingAddress: 'Same shipping address',
  samePaymentFingerprint: 'Same payment card',
  sameIp: 'Same IP address',
  sameIpAndUserAgent: 'Same IP and browser',
  sameDevice: 'Same device',
  repeatedAccounts: 'Repeated accounts on one device',
  advocateVelocity: 'Advocate referring too fast',
  codeBurst: 'Burst of uses of one code',
  disposableEmail: 'Disposable email',
  fastClickToPurchase: 'Purchase seconds after the click',
  existingCustomer: 'Already a customer',
  advocateOverCap: 'Advocate over the reward cap',
};

export function signalName(signal: string): string {
  return SIGNAL_NAMES[signal] ?? humanize(signal);
}

export const ACTION_WORDS: Record<string, string> = {
  reject: 'rejects on its own',
  hold: 'holds for review',
  flag: 'adds to the score',
};
