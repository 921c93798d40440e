import { describe, expect, it } from 'vitest';
import {
  createCustomerTokenVerifier,
  customerIdFromScope,
  TokenIntrospectionError,
} from './customer-token.js';

const answering = (status: number, body: unknown, seen: Request[] = []) =>
  (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    seen.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;

const options = { authUrl: 'https://auth.example/', clientId: 'id', clientSecret: 'secret' };

describe('customer token verification by introspection', () => {
  it('asks the auth service with the client credentials and reads customer_id from the scope', async () => {
    const seen: Request[] = [];
    const verify = createCustomerTokenVerifier({
      ...options,
      fetch: answering(200, { active: true, scope: 'manage_my_profile:shop customer_id:c-1' }, seen),
    });
    expect(await verify('tok en')).toBe('c-1');
    expect(seen[0]?.url).toBe('https://auth.example/oauth/introspect');
    expect(seen[0]?.headers.get('authorization')).toBe(`Basic ${btoa('id:secret')}`);
    expect(await seen[0]?.text()).toBe('token=tok+en');
  });

  it('gives no customer for an inactive token or one without a customer (anonymous, client)', async () => {
    expect(
      await createCustomerTokenVerifier({ ...options, fetch: answering(200, { active: false }) })('t'),
    ).toBe(undefined);
    const anonymous = answering(200, { active: true, scope: 'anonymous_id:a-1' });
    expect(await createCustomerTokenVerifier({ ...options, fetch: anonymous })('t')).toBeUndefined();
    expect(customerIdFromScope('customer_id: view_products:shop')).toBeUndefined();
  });

  it('fails loudly, without the token in the message, when commercetools cannot answer', async () => {
    const verify = createCustomerTokenVerifier({ ...options, fetch: answering(500, {}) });
    const error = await verify('secret-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenIntrospectionError);
    expect((error as Error).message).not.toContain('secret-token');
  });
});
