import { describe, expect, it } from 'vitest';
import { fetchAllAnalytics } from './analytics.js';
import type { MapiClient } from './mapi-client.js';

// Friendbuy as the analytics GET answers it: three pages of one row each, chained by their tokens.
const threePages: Pick<MapiClient, 'get'> = {
  async get(_path, query, schema) {
    const index = query.pageToken ? Number(query.pageToken) : 0;
    const page = {
      results: [{ createdOn: `2026-03-0${index + 1}T00:00:00Z`, orderId: `order-${index}` }],
      nextPageToken: index < 2 ? String(index + 1) : null,
    };
    return schema.parse(page);
  },
};
const range = { fromDate: new Date('2026-03-01T00:00:00Z'), toDate: new Date('2026-03-04T00:00:00Z') };

describe('every analytics row of a date range', () => {
  it('follows the page tokens to the last page', async () => {
    const rows = await fetchAllAnalytics(threePages, 'purchases', range, 3);
    expect(rows.map((row) => row.orderId)).toEqual(['order-0', 'order-1', 'order-2']);
  });

  it('fails rather than answering with part of the range when it runs past its page limit', async () => {
    await expect(fetchAllAnalytics(threePages, 'purchases', range, 2)).rejects.toThrow(
      "Friendbuy's purchases from 2026-03-01T00:00:00.000Z to 2026-03-04T00:00:00.000Z run past 2 pages (2 rows read): ask for a shorter range",
    );
  });
});
