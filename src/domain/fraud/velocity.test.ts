import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../durations.js';
import { evaluateAdvocateVelocity, evaluateCodeBurst } from './velocity.js';

const at = new Date('2025-03-01T12:00:00Z');
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(at.getTime() - m * MINUTE_MS));

describe('evaluateAdvocateVelocity', () => {
  const thresholds = { maxReferrals: 3, windowHours: 24 };
  it.each([
    ['a fourth referred order in a day', minutesAgo(10, 300, 1000), true, 4],
    ['a third', minutesAgo(10, 300), false, 3],
    ['older orders do not count', minutesAgo(10, 300, 24 * 60 + 1), false, 3],
  ])('%s → %s', (_name, earlier, fired, count) => {
    expect(evaluateAdvocateVelocity({ at, earlier }, thresholds)).toEqual({
      signal: 'advocateVelocity',
      fired,
      evidence: { count, max: 3, windowHours: 24 },
    });
  });
});

describe('evaluateCodeBurst', () => {
  const thresholds = { maxRedemptions: 2, windowMinutes: 60 };
  it.each([
    ['three redemptions of one code from one IP within the hour', minutesAgo(5, 50), true],
    ['two', minutesAgo(5), false],
    ['three spread over hours', minutesAgo(5, 61), false],
  ])('%s → %s', (_name, earlier, fired) => {
    const result = evaluateCodeBurst({ at, earlier }, thresholds);
    expect(result).toMatchObject({ signal: 'codeBurst', fired, evidence: { max: 2, windowMinutes: 60 } });
  });
});
