import { describe, expect, it } from 'vitest';
import { parsePointInTime } from './point-in-time.js';

const now = new Date('2026-03-08T12:00:00Z');

describe('parsePointInTime', () => {
  it('reads a duration back from now, short or ISO-8601', () => {
    expect(parsePointInTime('7d', now)).toEqual(new Date('2026-03-01T12:00:00Z'));
    expect(parsePointInTime('12h', now)).toEqual(new Date('2026-03-08T00:00:00Z'));
    expect(parsePointInTime('P1W', now)).toEqual(new Date('2026-03-01T12:00:00Z'));
  });

  it('reads a date as UTC midnight and a date-time with its offset', () => {
    expect(parsePointInTime('2026-01-31', now)).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(parsePointInTime('2026-01-31T10:00:00+01:00', now)).toEqual(new Date('2026-01-31T09:00:00Z'));
  });

  it('names no instant for anything else', () => {
    for (const text of ['', 'yesterday', '7', '2026-13-45', '2026-01-31T10:00', 'P1M'])
      expect(parsePointInTime(text, now)).toBeUndefined();
  });
});
