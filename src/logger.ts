// Structured JSON logs. Secrets and raw personal data are redacted by path, so a careless log line cannot leak them.
import pino from 'pino';

export type Logger = pino.Logger;

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-friendbuy-hmac-sha256"]',
  'headers.authorization',
  '*.secret',
  '*.secretKey',
  '*.clientSecret',
  '*.token',
  '*.password',
  '*.email',
  '*.customerEmail',
  '*.ipAddress',
  '*.userAgent',
];

/**
 * Google Cloud Logging's severity for each pino level: Connect's logs show it as the line's level, where the
 * numeric `level` (kept for everything else that reads these lines) means nothing.
 */
export const SEVERITY: Readonly<Record<string, string>> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      formatters: {
        level: (label, number) => ({ level: number, severity: SEVERITY[label] ?? 'DEFAULT' }),
      },
      base: { service: 'ct-friendbuy' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

const EMAIL_LIKE = /[^\s"'<>()@]+@[^\s"'<>()]+/g;
const IPV4_LIKE = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
const IPV6_LIKE = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\b/gi;

/**
 * Free text about a request with what looks like an email or IP address masked, for messages that echo input
 * (field paths stay readable: `cart.id is too long`).
 */
export function redactPersonalText(text: string): string {
  return text.replace(EMAIL_LIKE, '[email]').replace(IPV4_LIKE, '[ip]').replace(IPV6_LIKE, '[ip]');
}
