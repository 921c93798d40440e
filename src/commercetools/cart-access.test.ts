import type { ByProjectKeyRequestBuilder } from '@commercetools/platform-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_PRODUCTS } from '../sandbox/commercetools/seed.js';
import { type RunningSandbox, startSandbox } from '../sandbox/commercetools/test-support.js';
import { forEachCartPage } from './cart-access.js';

let running: RunningSandbox;
let apiRoot: ByProjectKeyRequestBuilder;

async function newCart(customerEmail: string): Promise<string> {
  const lineItems = [{ sku: SANDBOX_PRODUCTS[0].sku, quantity: 1 }];
  const body = { currency: 'USD', customerEmail, lineItems };
  return (await apiRoot.carts().post({ body }).execute()).body.id;
}

describe('forEachCartPage', () => {
  beforeEach(async () => {
    running = await startSandbox({ seed: true });
    apiRoot = running.apiRoot;
  });
  afterEach(() => running.close());

  it('visits every matching cart once, across more pages than one, and no other cart', async () => {
    const hers = [];
    for (let i = 0; i < 5; i++) hers.push(await newCart('erased@example.com'));
    await newCart('someone-else@example.com');

    const visited: string[] = [];
    const pages: number[] = [];
    const total = await forEachCartPage(
      apiRoot,
      'customerEmail = "erased@example.com"',
      async (page) => {
        pages.push(page.length);
        visited.push(...page.map((cart) => cart.id));
      },
      2,
    );

    expect(total).toBe(5);
    expect(pages).toEqual([2, 2, 1]);
    expect(visited.sort()).toEqual(hers.sort());
  });

  it('reads an empty result as zero carts without visiting', async () => {
    let visits = 0;
    const total = await forEachCartPage(apiRoot, 'customerEmail = "nobody@example.com"', async () => {
      visits++;
    });
    expect({ total, visits }).toEqual({ total: 0, visits: 0 });
  });
});
