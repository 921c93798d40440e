import { describe, expect, it } from 'vitest';
import { sortClausesOf, sortedPage, wholeResultUrl } from './sorted-queries.js';

const whole = {
  limit: 100_000,
  offset: 0,
  count: 4,
  total: 4,
  results: [
    { id: 'c', lastModifiedAt: '2026-01-02' },
    { id: 'a', lastModifiedAt: '2026-01-03' },
    { id: 'd' },
    { id: 'b', lastModifiedAt: '2026-01-02' },
  ],
};

describe('sorted sandbox queries', () => {
  it('reads every sort clause with its direction', () => {
    expect(sortClausesOf('/pk/carts?sort=lastModifiedAt%20desc&sort=id%20asc')).toEqual([
      { path: ['lastModifiedAt'], descending: true },
      { path: ['id'], descending: false },
    ]);
    expect(sortClausesOf('/pk/carts?where=x')).toEqual([]);
  });

  it('asks for the whole result, keeping the filter', () => {
    expect(wholeResultUrl('/pk/carts?where=a%3D1&limit=2&offset=4&sort=id')).toBe(
      '/pk/carts?where=a%3D1&limit=100000&sort=id',
    );
  });

  it('sorts before it pages, by each clause in turn, missing values last', () => {
    const page = sortedPage('/pk/carts?sort=lastModifiedAt%20asc&sort=id%20asc&limit=3', whole);
    expect(page.results.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(page).toMatchObject({ limit: 3, offset: 0, count: 3, total: 4 });
    const next = sortedPage('/pk/carts?sort=lastModifiedAt%20asc&sort=id%20asc&limit=3&offset=3', whole);
    expect(next.results.map((r) => r.id)).toEqual(['d']);
  });

  it('sorts descending and leaves the total out when withTotal=false', () => {
    const page = sortedPage('/pk/carts?sort=id%20desc&limit=2&withTotal=false', whole);
    expect(page.results.map((r) => r.id)).toEqual(['d', 'c']);
    expect(page).not.toHaveProperty('total');
  });
});
