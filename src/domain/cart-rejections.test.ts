import { describe, expect, it } from 'vitest';
import { cartRejection } from './cart-rejections.js';

describe('cartRejection', () => {
  it('speaks the cart locale, with English beside it, in commercetools extension error shape', () => {
    expect(cartRejection('existing-customer-code', 'de-DE', ['WELCOME10'])).toEqual({
      code: 'InvalidInput',
      message: 'Der Code WELCOME10 gilt nur für Neukunden.',
      localizedMessage: {
        'de-DE': 'Der Code WELCOME10 gilt nur für Neukunden.',
        en: 'The code WELCOME10 is only for new customers.',
      },
      extensionExtraInfo: { reason: 'existing-customer-code', codes: ['WELCOME10'] },
    });
  });

  it('explains a self-referral in English and German', () => {
    expect(cartRejection('self-referral', 'en-US').message).toMatch(/can't use your own referral code/);
    expect(cartRejection('self-referral', 'de-DE').message).toMatch(/eigenen Empfehlungscode/);
    expect(cartRejection('self-referral', 'en-US').extensionExtraInfo).toEqual({ reason: 'self-referral' });
  });

  it('falls back to English for a language it has no text for, under the cart locale too', () => {
    const rejection = cartRejection('self-referral', 'pl-PL');
    expect(rejection.localizedMessage['pl-PL']).toBe(rejection.localizedMessage.en);
  });

  it('has English only when the cart has no locale', () => {
    expect(Object.keys(cartRejection('self-referral', undefined).localizedMessage)).toEqual(['en']);
  });

  it('refuses with InvalidOperation when the checks were unavailable (fail closed)', () => {
    expect(cartRejection('referral-check-unavailable', 'fr-FR')).toMatchObject({
      code: 'InvalidOperation',
      message: expect.stringMatching(/parrainage/),
    });
  });
});
