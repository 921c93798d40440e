import { describe, expect, it } from 'vitest';
import { holeWindow, mergeWindows, observeSubscriptionHealth } from './delivery-gaps.js';

const at = (time: string) => new Date(`2026-03-01T${time}:00Z`);

describe('observeSubscriptionHealth', () => {
  it('remembers when it was last healthy, and asks for nothing while it stays so', () => {
    expect(observeSubscriptionHealth({}, 'Healthy', at('10:00'))).toEqual({
      memory: { lastHealthyAt: at('10:00').toISOString() },
    });
  });

  it('reconciles from the last healthy sighting, less an hour, once an unhealthy spell is over', () => {
    const down = observeSubscriptionHealth(
      { lastHealthyAt: at('09:45').toISOString() },
      'TemporaryError',
      at('10:00'),
    );
    expect(down.reconcile).toBeUndefined();
    const still = observeSubscriptionHealth(down.memory, 'ConfigurationErrorDeliveryStopped', at('12:00'));
    expect(still.memory.unhealthySince).toBe(at('09:45').toISOString());
    const back = observeSubscriptionHealth(still.memory, 'Healthy', at('14:00'));
    expect(back).toEqual({
      memory: { lastHealthyAt: at('14:00').toISOString() },
      reconcile: { from: at('08:45'), to: at('14:00') },
    });
  });
});

describe('holeWindow and mergeWindows', () => {
  it('reconciles around a hole, a day back for a missing first message, in whole merged hours', () => {
    expect(holeWindow({ before: at('10:20'), after: at('10:40') })).toEqual({
      from: at('09:20'),
      to: at('11:40'),
    });
    expect(holeWindow({ before: null, after: at('10:40') }).from).toEqual(new Date('2026-02-28T10:40:00Z'));
    expect(
      mergeWindows([
        { from: at('09:20'), to: at('11:40') },
        { from: at('11:10'), to: at('12:05') },
        { from: at('15:00'), to: at('16:00') },
      ]),
    ).toEqual([
      { from: at('09:00'), to: at('13:00') },
      { from: at('15:00'), to: at('16:00') },
    ]);
  });
});
