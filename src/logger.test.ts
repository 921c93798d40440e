import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture(level = 'trace') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('createLogger', () => {
  it("gives every line Google Cloud Logging's severity next to pino's numeric level", () => {
    const { logger, lines } = capture();
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    expect(lines.map((line) => [line.level, line.severity])).toEqual([
      [10, 'DEBUG'],
      [20, 'DEBUG'],
      [30, 'INFO'],
      [40, 'WARNING'],
      [50, 'ERROR'],
      [60, 'CRITICAL'],
    ]);
  });

  it('keeps the severity on child loggers, and still redacts secrets and personal data', () => {
    const { logger, lines } = capture('info');
    logger.child({ correlationId: 'c-1' }).warn({ customer: { email: 'a@b.c', secret: 's' } }, 'careful');
    expect(lines[0]).toMatchObject({
      severity: 'WARNING',
      correlationId: 'c-1',
      customer: { email: '[redacted]', secret: '[redacted]' },
      msg: 'careful',
      service: 'ct-friendbuy',
    });
  });
});
