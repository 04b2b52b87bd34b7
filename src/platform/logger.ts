import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'chaud'): Logger {
  return pino({ name, level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
