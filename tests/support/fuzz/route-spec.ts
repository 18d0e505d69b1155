import fc from 'fast-check';
import type * as z from 'zod';
import type { FuzzContext } from './fuzz-context';
import type { Answer } from './http-client';
import { hostileEmail, hostileText, tameEmail, tameText } from './hostile-values';
import type { RefName } from './raw-json';

/** The text a body is written with: tame for the baseline, hostile for the rest. */
export type TextKinds = {
  text: fc.Arbitrary<string>;
  email: fc.Arbitrary<string>;
  password: fc.Arbitrary<string>;
  timezone: fc.Arbitrary<string>;
};

const tameZone = fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham');
const tamePassword = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), { minLength: 16, maxLength: 24 }).map((chars) => `pw-${chars.join('')}`);

export const TAME: TextKinds = { text: tameText, email: tameEmail, password: tamePassword, timezone: tameZone };

export const HOSTILE: TextKinds = {
  text: fc.oneof({ weight: 1, arbitrary: tameText }, { weight: 3, arbitrary: hostileText }),
  // Half tame: a recipient with a valid address carries its hostile merge fields into the database.
  email: fc.oneof(tameEmail, hostileEmail),
  password: fc.oneof(tamePassword, hostileText, tamePassword.map((password) => `${password}\u0000\uD800`)),
  timezone: fc.oneof(
    tameZone,
    hostileText,
    fc.constantFrom('utc', 'Etc/GMT+14', 'Europe/Paris\u0000', '../../etc/passwd', 'America/Argentina/ComodRivadavia', 'EST5EDT', 'Asia/Calcutta', 'Europe/Kyiv', '\u202EUTC'),
  ),
};

/** What a case prepared on the server before its request: path parameters, values for refs, another user's token. */
export type Target = { params?: Record<string, string>; refs?: Partial<Record<RefName, unknown>>; token?: string; email?: string; password?: string };

/** What a case sent, as the server read it. */
export type Sent = {
  /** The body parsed as the server parses it (`Request.json()`); `undefined` when it is not JSON. */
  json: unknown;
  /** A CSV upload's bytes and the `emailColumn` it was sent with. */
  csv?: { bytes: Uint8Array; emailColumn: string | undefined };
};

/** A value that did not read back as it was sent. */
export type Mismatch = { field: string; sent: unknown; got: unknown };

export type RouteSpec = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Hono's pattern, as `app.routes` lists it: `/api/campaigns/:id`. */
  path: string;
  /** Turns per round (default 1): routes that store text get more, as that is where text can hurt. */
  weight?: number;
  /** `none`: the request carries no token (sign-up, sign-in, health). */
  auth?: 'none';
  /** Prepares what the case acts on; `pick` chooses among existing things. */
  target?: (ctx: FuzzContext, pick: number) => Promise<Target>;
  /** A valid JSON body written with `kinds`; fields it leaves out are optional. */
  body?: (kinds: TextKinds) => fc.Arbitrary<unknown>;
  /** A valid query written with `kinds`. */
  query?: (kinds: TextKinds) => fc.Arbitrary<Record<string, string | undefined>>;
  /** The body is a CSV file (`text/csv`), not JSON. */
  csv?: true;
  /** The body is a file upload (`multipart/form-data`, field `file`), not JSON. */
  multipart?: true;
  /** The shape of a 2xx JSON answer (shared/schemas). */
  response?: z.ZodType;
  /** After a 2xx: reads the resource back and lists what differs from what was sent. */
  readBack?: (ctx: FuzzContext, target: Target, sent: Sent, answer: Answer) => Promise<Mismatch[]>;
};
