import { describe, expect, it } from 'vitest';
import { decideFraud, type FraudVerdict } from './decide.js';
import { DEFAULT_FRAUD_POLICY, type FraudPolicy } from './fraud-policy.js';
import type { FraudSignal, SignalResult } from './signal.js';

const fired = (signal: FraudSignal, evidence: object = {}): SignalResult => ({
  signal,
  fired: true,
  evidence,
});
const quiet = (signal: FraudSignal): SignalResult => ({ signal, fired: false, evidence: {} });

describe('decideFraud', () => {
  it.each<[string, SignalResult[], FraudVerdict, number]>([
    ['nothing fired', [quiet('sameEmail'), quiet('sameIp')], 'approve', 0],
    ['one flag', [fired('sameIp')], 'approve', 20],
    ['two flags adding up to the hold score', [fired('sameIp'), fired('disposableEmail')], 'hold', 50],
    ['a hold action', [fired('sameDevice')], 'hold', 60],
    ['a reject action beats a hold', [fired('sameDevice'), fired('sameEmail')], 'reject', 160],
    [
      'holds adding up to the reject score',
      [fired('sameDevice'), fired('sameShippingAddress')],
      'reject',
      110,
    ],
    ['one signal twice counts its weight once', [fired('sameIp'), fired('sameIp')], 'approve', 20],
  ])('%s → %s', (_name, signals, verdict, score) => {
    const decision = decideFraud(signals, DEFAULT_FRAUD_POLICY);
    expect(decision).toMatchObject({ verdict, score });
    expect(decision.fired).toHaveLength(signals.filter((s) => s.fired).length);
  });

  it('keeps the evidence and the action each fired signal mapped to', () => {
    const decision = decideFraud(
      [fired('sameEmail', { emailHash: 'h1' }), quiet('sameIp')],
      DEFAULT_FRAUD_POLICY,
    );
    expect(decision.fired).toEqual([
      { signal: 'sameEmail', action: 'reject', weight: 100, evidence: { emailHash: 'h1' } },
    ]);
  });

  it('ignores signals the campaign turned off, weight and all', () => {
    const policy: FraudPolicy = {
      ...DEFAULT_FRAUD_POLICY,
      signals: { ...DEFAULT_FRAUD_POLICY.signals, sameEmail: { action: 'off', weight: 100 } },
    };
    expect(decideFraud([fired('sameEmail')], policy)).toEqual({ verdict: 'approve', score: 0, fired: [] });
  });

  it('follows the campaign score thresholds', () => {
    const policy = { ...DEFAULT_FRAUD_POLICY, scoreThresholds: { hold: 10, reject: 20 } };
    expect(decideFraud([fired('sameIp')], policy).verdict).toBe('reject');
  });
});
