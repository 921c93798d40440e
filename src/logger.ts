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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ct-friendbuy' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
