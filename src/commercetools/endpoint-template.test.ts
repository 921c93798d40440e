import { describe, expect, it } from 'vitest';
import { endpointTemplate } from './endpoint-template.js';

const live = {
  apiUrl: 'https://api.europe-west1.gcp.commercetools.com',
  authUrl: 'https://auth.europe-west1.gcp.commercetools.com',
  projectKey: 'shop',
};
const sandbox = {
  apiUrl: 'http://127.0.0.1:9/sandbox/commercetools',
  authUrl: 'http://127.0.0.1:9/sandbox/commercetools',
  projectKey: 'sandbox',
};

describe('endpointTemplate', () => {
  it('keeps the resource and hides ids, keys and the query', () => {
    const api = live.apiUrl;
    expect(endpointTemplate('GET', `${api}/shop/orders/6f0c1d5e-1c1a-4a4e-9c7e-2b1f7d9a0c11`, live)).toBe(
      'GET /orders/{id}',
    );
    expect(endpointTemplate('GET', `${api}/shop/customers/key=anna@example.com`, live)).toBe(
      'GET /customers/key={key}',
    );
    expect(endpointTemplate('GET', `${api}/shop/discount-codes?where=code%3D%22ANNA%22`, live)).toBe(
      'GET /discount-codes',
    );
    expect(endpointTemplate('POST', `${api}/shop/in-store/key=us/carts/abc`, live)).toBe(
      'POST /in-store/key={key}/carts/{id}',
    );
    expect(endpointTemplate('POST', `${live.authUrl}/oauth/token`, live)).toBe('POST /oauth/token');
  });

  it('strips a base path such as the sandbox emulator prefix', () => {
    expect(
      endpointTemplate('GET', 'http://127.0.0.1:9/sandbox/commercetools/sandbox/orders/x1', sandbox),
    ).toBe('GET /orders/{id}');
    expect(endpointTemplate('POST', 'http://127.0.0.1:9/sandbox/commercetools/oauth/token', sandbox)).toBe(
      'POST /oauth/token',
    );
  });

  it('never copies an unexpected first segment that is not a resource name', () => {
    expect(endpointTemplate('GET', `${live.apiUrl}/shop/Anna%40example.com`, live)).toBe('GET /{id}');
  });
});
