import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';

/** The slice of pino Bolt's logs go to. */
export interface PinoLike {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const text = (parts: unknown[]) =>
  parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');

/**
 * Adapts a pino logger to Bolt's Logger interface (level and name are pino's business). Bolt's
 * and web-api's debug lines are dropped: they print whole request bodies, which hold the reply
 * with the customer data restored, and only redacted text may reach the logs.
 */
export function toBoltLogger(logger: PinoLike): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...parts) => logger.info(text(parts)),
    warn: (...parts) => logger.warn(text(parts)),
    error: (...parts) => logger.error(text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
