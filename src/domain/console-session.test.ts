import { describe, expect, it } from 'vitest';
import { safeReturnTo, sessionExpiresAt } from './console-session.js';

const at = (hour: number) => new Date(Date.UTC(2026, 0, 1, hour));

describe('console sessions', () => {
  const lifetime = { idleMs: 8 * 3_600_000, absoluteMs: 12 * 3_600_000 };

  it('ends after the idle time, or at the absolute end if that comes first', () => {
    expect(sessionExpiresAt({ createdAt: at(0), lastSeenAt: at(1) }, lifetime)).toEqual(at(9));
    expect(sessionExpiresAt({ createdAt: at(0), lastSeenAt: at(7) }, lifetime)).toEqual(at(12));
  });

  it('returns only to paths of the connector after sign-in', () => {
    expect(safeReturnTo('/console/reviews/12?tab=signals')).toBe('/console/reviews/12?tab=signals');
    for (const outside of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'console',
      '/a\nb',
      42,
    ])
      expect(safeReturnTo(outside)).toBe('/console');
  });
});
