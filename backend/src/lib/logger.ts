/**
 * A structured logger that cannot leak secrets: any field whose name sounds like a credential is
 * replaced, and errors are reduced to their name and message (no request bodies or SQL parameters,
 * which drizzle puts in its error messages, reach the log).
 */
export type Logger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

const SECRET_FIELD = /pass(word)?|secret|token|authorization|cookie|key|code_verifier|refresh|access/i;

export function createLogger(write: (line: string) => void = (line) => console.log(line)): Logger {
  const log = (level: string, message: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...redact(fields) }));
  return {
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** A logger that drops everything: for tests that do not look at logs. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => {
      if (SECRET_FIELD.test(name)) return [name, '[redacted]'];
      if (value instanceof Error) return [name, describeError(value)];
      return [name, value];
    }),
  );
}

function describeError(error: Error): string {
  // drizzle wraps driver errors as "Failed query: <sql> params: <values>": keep only the driver's cause.
  const cause = error.cause instanceof Error ? error.cause : null;
  const source = error.message.startsWith('Failed query') && cause ? cause : error;
  return `${source.name}: ${source.message.split('\n')[0]?.slice(0, 200)}`;
}
