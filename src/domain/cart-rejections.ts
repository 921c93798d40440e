// What the shopper reads when the cart extension refuses a cart: commercetools' extension error contract
// (`{code, message, localizedMessage, extensionExtraInfo}`), in the cart's language with English beside it.

export type CartRejectionReason =
  /** The friend is the advocate behind the referral code, attribution or discount code. */
  | 'self-referral'
  /** A customer who has ordered before uses a new-customer-only code. */
  | 'existing-customer-code'
  /** A referred shopper's email is at a throwaway domain and the campaign's fraud policy rejects those. */
  | 'disposable-email'
  /** We could not check the cart and the merchant chose to fail closed. */
  | 'referral-check-unavailable';

export interface ExtensionError {
  /** commercetools passes these two codes through to the caller (reference §1.3). */
  code: 'InvalidInput' | 'InvalidOperation';
  message: string;
  localizedMessage: Record<string, string>;
  extensionExtraInfo: { reason: CartRejectionReason; codes?: string[] };
}

type Texts = Record<CartRejectionReason, (codes: string) => string>;

// Languages we have texts for; any other cart locale gets English (under its own locale key too).
const TEXTS: Record<string, Texts> = {
  en: {
    'self-referral': () => "You can't use your own referral code or link. Share it with a friend instead!",
    'existing-customer-code': (codes) => `The code ${codes} is only for new customers.`,
    'disposable-email': () => 'Referral offers need a permanent email address. Please use your usual one.',
    'referral-check-unavailable': () =>
      "We can't check referral offers right now. Please try again in a moment.",
  },
  de: {
    'self-referral': () =>
      'Sie können Ihren eigenen Empfehlungscode oder -link nicht selbst verwenden. Teilen Sie ihn mit Freunden!',
    'existing-customer-code': (codes) => `Der Code ${codes} gilt nur für Neukunden.`,
    'disposable-email': () =>
      'Empfehlungsangebote brauchen eine dauerhafte E-Mail-Adresse. Bitte verwenden Sie Ihre übliche.',
    'referral-check-unavailable': () =>
      'Empfehlungsangebote können gerade nicht geprüft werden. Bitte versuchen Sie es gleich noch einmal.',
  },
  fr: {
    'self-referral': () =>
      'Vous ne pouvez pas utiliser votre propre code ou lien de parrainage. Partagez-le avec un ami !',
    'existing-customer-code': (codes) => `Le code ${codes} est réservé aux nouveaux clients.`,
    'disposable-email': () =>
      'Les offres de parrainage demandent une adresse e-mail permanente. Utilisez votre adresse habituelle.',
    'referral-check-unavailable': () =>
      'Impossible de vérifier les offres de parrainage pour le moment. Veuillez réessayer dans un instant.',
  },
  es: {
    'self-referral': () =>
      'No puedes usar tu propio código o enlace de recomendación. ¡Compártelo con un amigo!',
    'existing-customer-code': (codes) => `El código ${codes} es solo para clientes nuevos.`,
    'disposable-email': () =>
      'Las ofertas de recomendación necesitan un correo permanente. Usa tu dirección habitual.',
    'referral-check-unavailable': () =>
      'No podemos comprobar las ofertas de recomendación ahora mismo. Inténtalo de nuevo en un momento.',
  },
};

/**
 * The extension error for a rejection, in the cart's locale (exact tag, e.g. `de-DE`) and in `en`.
 * @example cartRejection('existing-customer-code', 'de-DE', ['WELCOME10']).message // 'Der Code WELCOME10 gilt nur für Neukunden.'
 */
export function cartRejection(
  reason: CartRejectionReason,
  locale: string | undefined,
  codes: readonly string[] = [],
): ExtensionError {
  const list = codes.join(', ');
  const english = TEXTS.en![reason](list);
  const language = locale?.split(/[-_]/)[0]?.toLowerCase();
  const local = (language && TEXTS[language]?.[reason](list)) || english;
  return {
    code: reason === 'referral-check-unavailable' ? 'InvalidOperation' : 'InvalidInput',
    message: local,
    localizedMessage: locale && locale !== 'en' ? { [locale]: local, en: english } : { en: english },
    extensionExtraInfo: { reason, ...(codes.length > 0 ? { codes: [...codes] } : {}) },
  };
}
