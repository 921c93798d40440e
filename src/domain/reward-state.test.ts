import { describe, expect, it } from 'vitest';
import { REWARD_EVENT as E, type RewardEventType } from './reward-events.js';
import { decideRewardEvent, foldRewardState, REWARD_STATES, REWARD_TRANSITIONS } from './reward-state.js';

const fold = (...types: string[]) => foldRewardState(types.map((type, i) => ({ type, seq: i + 1 })));

describe('reward state machine', () => {
  it('follows a reward from issue to redemption, reissue and a second redemption', () => {
    const result = fold(E.issued, E.codeCreated, E.redeemed, E.reissueRequested, E.reissued, E.redeemed);
    expect(result.state).toBe('redeemed');
    expect(result.anomalies).toEqual([]);
    expect(result.history.map((h) => `${h.from}→${h.to}`)).toEqual([
      'none→issued',
      'issued→available',
      'available→redeemed',
      'redeemed→reissuePending',
      'reissuePending→available',
      'available→redeemed',
    ]);
  });

  it.each([
    [
      'a release returns an available reward to available',
      [E.issued, E.codeCreated, E.held, E.released],
      'available',
    ],
    ['a release returns a reward without a code to issued', [E.issued, E.held, E.released], 'issued'],
    [
      'a code created during a hold is available after the release',
      [E.issued, E.held, E.codeCreated, E.released],
      'available',
    ],
    ['a held reward can expire', [E.issued, E.codeCreated, E.held, E.expired], 'expired'],
    [
      'a redeemed reward can be reversed (manual recovery)',
      [E.issued, E.codeCreated, E.redeemed, E.reversed],
      'reversed',
    ],
    ['a code can be used before we record that it exists', [E.issued, E.redeemed], 'redeemed'],
  ])('%s', (_name, types, state) => {
    const result = fold(...types);
    expect(result.anomalies).toEqual([]);
    expect(result.state).toBe(state);
  });

  it.each([
    ['redeemed twice', [E.issued, E.codeCreated, E.redeemed, E.redeemed], 'redeemed'],
    ['redeemed after a reversal', [E.issued, E.codeCreated, E.reversed, E.redeemed], 'reversed'],
    ['redeemed after expiry', [E.issued, E.codeCreated, E.expired, E.redeemed], 'expired'],
    ['anything before it was issued', [E.codeCreated], 'none'],
    ['issued twice', [E.issued, E.issued], 'issued'],
    ['released without a hold', [E.issued, E.released], 'issued'],
    ['reissued without a request', [E.issued, E.codeCreated, E.redeemed, E.reissued], 'redeemed'],
  ])('refuses a reward %s, listing it as an anomaly and keeping the state', (_name, types, state) => {
    const result = fold(...types);
    expect(result.state).toBe(state);
    expect(result.anomalies).toHaveLength(1);
    expect(result.anomalies[0]).toMatchObject({ seq: types.length, refused: types.at(-1), state });
    expect(result.history.at(-1)).toMatchObject({ applied: false, from: state, to: state });
  });

  it('lists recorded anomalies and ignores facts that are not about the state', () => {
    const result = foldRewardState([
      { type: E.issued },
      { type: E.anomaly, data: { refused: { type: E.released }, reason: 'not held' } },
      { type: 'reward.note' },
    ]);
    expect(result.state).toBe('issued');
    expect(result.anomalies).toEqual([{ refused: E.released, state: 'issued', reason: 'not held' }]);
  });

  it('only names known states and event types in its table', () => {
    const events = new Set<string>(Object.values(E));
    for (const transition of REWARD_TRANSITIONS) {
      expect(events.has(transition.on)).toBe(true);
      for (const from of transition.from) expect(REWARD_STATES).toContain(from);
    }
    // Every event but the anomaly itself can happen in some state.
    for (const type of Object.values(E) as RewardEventType[]) {
      if (type === E.anomaly) continue;
      expect(REWARD_STATES.some((state) => decideRewardEvent({ state }, type).ok)).toBe(true);
    }
  });
});
