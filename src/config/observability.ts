// How the connector is watched in production: the delivery health check and optional OpenTelemetry tracing.
// A group of the one configuration table (variables.ts); metrics need no setting (GET /metrics, admin token).
import { text, url, wholeNumber } from './parsers.js';
import { variable } from './variable.js';

export const observability = {
  DELIVERY_HEALTH_CHECK_MINUTES: variable({
    doc: "how often the connector checks its commercetools Subscription's health and its cart API extension's registration ([Operating](operating.md#delivery-health)); `0` turns the check off",
    parse: wholeNumber(0, 1440),
    default: '5',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: variable({
    doc: 'OTLP/HTTP endpoint (e.g. `http://otel-collector:4318`): set, the connector sends traces of requests, jobs and outbound calls to `<endpoint>/v1/traces` ([Operating](operating.md#tracing)); unset, tracing is off',
    parse: url('http:', 'https:'),
  }),
  OTEL_SERVICE_NAME: variable({
    doc: 'the service name on the traces',
    parse: text,
    default: 'ct-friendbuy',
  }),
};
