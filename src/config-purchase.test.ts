import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from './config.js';
import { DEFAULT_FEE_PATTERN } from './domain/merchandise.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('configuration of merchandise and of the events route', () => {
  it('defaults: no custom line item is merchandise; deliveries up to 16 MB', () => {
    const config = loadConfig({});
    expect(config.purchase.merchandise).toEqual({
      customLineItems: 'exclude',
      feePattern: DEFAULT_FEE_PATTERN,
    });
    expect(config.events.bodyLimitBytes).toBe(16 * 1024 * 1024);
  });

  it('takes the custom line item rule, a fee pattern and the events body limit', () => {
    const config = loadConfig({
      PURCHASE_CUSTOM_LINE_ITEMS: 'excludeFees',
      PURCHASE_FEE_PATTERN: '^(fee|wrap)-',
      CONNECTOR_EVENTS_BODY_LIMIT_MB: '32',
    });
    expect(config.purchase.merchandise.customLineItems).toBe('excludeFees');
    expect(config.purchase.merchandise.feePattern.test('WRAP-gold')).toBe(true);
    expect(config.events.bodyLimitBytes).toBe(32 * 1024 * 1024);
  });

  it('names malformed values', () => {
    const problems = problemsOf({
      PURCHASE_CUSTOM_LINE_ITEMS: 'some',
      PURCHASE_FEE_PATTERN: '(unclosed',
      CONNECTOR_EVENTS_BODY_LIMIT_MB: '0',
    }).join('\n');
    for (const name of [
      'PURCHASE_CUSTOM_LINE_ITEMS',
      'PURCHASE_FEE_PATTERN',
      'CONNECTOR_EVENTS_BODY_LIMIT_MB',
    ])
      expect(problems).toContain(name);
  });
});
