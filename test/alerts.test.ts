// docs/alerts.yaml is a ready Prometheus rule file: it parses, each rule has what Alertmanager needs, and every
// series an expression reads is one the connector exposes (so a renamed metric cannot leave a silent alert).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createConnectorMetrics } from '../src/observability/metrics.js';
import { familyOf, parseExposition } from './helpers/prometheus.js';

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const file = parse(readFileSync(new URL('../docs/alerts.yaml', import.meta.url), 'utf8')) as {
  groups: Array<{ name: string; rules: Rule[] }>;
};
const rules = file.groups.flatMap((group) => group.rules);

describe('docs/alerts.yaml', () => {
  it('is a rule file whose alerts all have a name, an expression, a severity and a summary', () => {
    expect(file.groups.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Za-z][A-Za-z0-9]+$/);
      expect(rule.expr?.trim(), rule.alert).toBeTruthy();
      expect(['info', 'warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      if (rule.for !== undefined) expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('reads only series the connector exposes', async () => {
    const { families } = parseExposition(await createConnectorMetrics().render());
    for (const rule of rules) {
      const series = rule.expr?.match(/\b(?:ctfb|nodejs|process)_[a-z0-9_]+/g) ?? [];
      expect(series.length, rule.alert).toBeGreaterThan(0);
      for (const name of series) expect(familyOf(name, families), `${rule.alert}: ${name}`).toBeDefined();
    }
  });

  it('covers the alerts that matter', () => {
    const exprs = rules.map((rule) => rule.expr ?? '').join('\n');
    expect(exprs).toContain('ctfb_outbox_dead_letters) > 0');
    expect(exprs).toContain('ctfb_outbox_oldest_due_job_age_seconds) > 900');
    expect(exprs).toContain('ctfb_commercetools_subscription_status');
    expect(exprs).toMatch(
      /histogram_quantile\(0\.99, .*ctfb_cart_extension_duration_seconds_bucket.*\) > 0\.5/,
    );
    expect(exprs).toMatch(/service="friendbuy",status!~"2\.\."/);
  });
});
