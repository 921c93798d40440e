import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCustomerAuth } from './customer-auth.js';

describe('customer auth signing', () => {
  it('signs epoch:email:customerId as lowercase hex HMAC-SHA256 with the Secret Key', () => {
    const auth = signCustomerAuth(
      { epochSeconds: 1_700_000_000.9, email: 'Ann@Example.com', customerId: 'c-1' },
      'secret',
    );
    expect(auth.authString).toBe('1700000000:Ann@Example.com:c-1');
    expect(auth.signature).toBe(createHmac('sha256', 'secret').update(auth.authString).digest('hex'));
    expect(auth.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses parts that would change the meaning of the string, and an empty key', () => {
    expect(() => signCustomerAuth({ epochSeconds: 1, email: 'a:b@c.de', customerId: 'c' }, 's')).toThrow();
    expect(() => signCustomerAuth({ epochSeconds: 1, email: 'a@c.de', customerId: 'c' }, '')).toThrow();
  });
});
