import type { Client, InArgs, InStatement, TransactionMode } from '@libsql/client';

/**
 * Counts the statements reaching the libsql client (each statement of a batch counts) and the calls
 * (round trips), by wrapping the client's `execute` and `batch`: drizzle calls nothing else on it.
 *
 * @example const counting = countStatements(t.client); ...; const { statements } = counting.stop();
 */
export function countStatements(client: Client) {
  const counted = { statements: 0, roundTrips: 0, byText: new Map<string, number>() };
  const note = (stmt: InStatement) => {
    const text = typeof stmt === 'string' ? stmt : stmt.sql;
    counted.statements++;
    counted.byText.set(text, (counted.byText.get(text) ?? 0) + 1);
  };
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  client.execute = ((stmt: InStatement, args?: InArgs) => {
    counted.roundTrips++;
    note(stmt);
    return args === undefined ? execute(stmt) : execute(stmt as string, args);
  }) as Client['execute'];
  client.batch = ((stmts: InStatement[], mode?: TransactionMode) => {
    counted.roundTrips++;
    for (const stmt of stmts) note(stmt);
    return batch(stmts, mode);
  }) as Client['batch'];
  return {
    /** The counts so far, without unwrapping. */
    get: () => counted,
    stop() {
      client.execute = execute;
      client.batch = batch;
      return counted;
    },
  };
}
