import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from './config.js';
import { DEFAULT_EMAIL_RULES } from './domain/identity.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('configuration of the cart extension, identity and analytics pull', () => {
  it('defaults: fail open within 1 s, gmail rules, a pull every 15 minutes, no public URL', () => {
    const config = loadConfig({});
    expect(config.extension).toEqual({ failMode: 'open', budgetMs: 1000 });
    expect(config.emailRules).toEqual(DEFAULT_EMAIL_RULES);
    expect(config.analytics.pullMinutes).toBe(15);
    expect(config.publicUrl).toBeUndefined();
  });

  it('reads the public URL from CONNECTOR_PUBLIC_URL, else from Connect', () => {
    expect(loadConfig({ CONNECT_SERVICE_URL: 'https://svc.example.com/' }).publicUrl).toBe(
      'https://svc.example.com',
    );
    expect(
      loadConfig({
        CONNECTOR_PUBLIC_URL: 'https://mine.example.com',
        CONNECT_SERVICE_URL: 'https://svc.example.com',
      }).publicUrl,
    ).toBe('https://mine.example.com');
  });

  it('makes the email provider rules configurable', () => {
    const config = loadConfig({
      CONNECTOR_EMAIL_DOT_INSENSITIVE_DOMAINS: 'gmail.com, Example.org',
      CONNECTOR_EMAIL_PLUS_TAG_DOMAINS: '',
      CONNECTOR_EMAIL_DOMAIN_ALIASES: 'googlemail.com=gmail.com,old.example=new.example',
    });
    expect(config.emailRules.dotInsensitiveDomains).toEqual(['gmail.com', 'example.org']);
    expect(config.emailRules.plusTagDomains).toEqual(DEFAULT_EMAIL_RULES.plusTagDomains); // empty = unset
    expect(config.emailRules.domainAliases).toEqual({
      'googlemail.com': 'gmail.com',
      'old.example': 'new.example',
    });
    expect(
      loadConfig({ CONNECTOR_EMAIL_PLUS_TAG_DOMAINS: 'none.example' }).emailRules.plusTagDomains,
    ).toEqual(['none.example']);
  });

  it('names every malformed setting', () => {
    expect(
      problemsOf({
        CONNECTOR_EXTENSION_FAIL_MODE: 'sometimes',
        CONNECTOR_EXTENSION_BUDGET_MS: '5000',
        FRIENDBUY_ANALYTICS_PULL_MINUTES: '-1',
        CONNECTOR_EMAIL_DOT_INSENSITIVE_DOMAINS: 'not a domain',
        CONNECTOR_EMAIL_DOMAIN_ALIASES: 'oops',
        CONNECTOR_PUBLIC_URL: 'ftp://x',
      }),
    ).toEqual([
      expect.stringContaining('CONNECTOR_PUBLIC_URL'),
      expect.stringContaining('CONNECTOR_EXTENSION_FAIL_MODE'),
      expect.stringContaining('CONNECTOR_EXTENSION_BUDGET_MS'),
      expect.stringContaining('FRIENDBUY_ANALYTICS_PULL_MINUTES'),
      expect.stringContaining('CONNECTOR_EMAIL_DOMAIN_ALIASES'),
      expect.stringContaining('CONNECTOR_EMAIL_DOT_INSENSITIVE_DOMAINS'),
    ]);
  });

  it('lets the pull be switched off', () => {
    expect(loadConfig({ FRIENDBUY_ANALYTICS_PULL_MINUTES: '0' }).analytics.pullMinutes).toBe(0);
  });
});
