import fc from 'fast-check';
import { csvDocument, hostileCsvDocument, spoiledCsvDocument, type CsvDocument } from './csv-document';
import { hostileBody, hostileText, jsonContentType, prototypeKey } from './hostile-values';
import { applyMutation, mutation } from './mutate';
import { multipartDocument, spoiledMultipartDocument, type MultipartDocument } from './multipart-document';
import { HOSTILE, TAME, type RouteSpec } from './route-spec';

/**
 * One generated request. `baseline`: a valid request in tame text (the yardstick: every one should
 * succeed or meet a business rule). `text`: the same structure with hostile text in every string.
 * `mutated`: a valid request with one value replaced, dropped or added. `hostile`: anything at all.
 */
export type Variant = 'baseline' | 'text' | 'mutated' | 'hostile';

export type FuzzCase = {
  route: RouteSpec;
  variant: Variant;
  /** The JSON body (with refs), or undefined for none. */
  body?: unknown;
  csv?: CsvDocument;
  multipart?: MultipartDocument;
  /** Undefined: no Content-Type header at all. */
  contentType?: string;
  /** `wtf8`: lone surrogates as raw bytes, not as `\ud800` escapes (see raw-json.ts). */
  encoding: 'utf8' | 'wtf8';
  query: [string, string][];
  /** One path parameter replaced by hostile text. */
  hostileParam?: { at: number; value: string };
  /** Chooses among existing things (a campaign of the pool). */
  pick: number;
};

const VARIANTS = fc.constantFrom<Variant>('baseline', 'text', 'text', 'text', 'mutated', 'mutated', 'mutated', 'hostile');
const wrongCsvType = fc.constantFrom('text/csv', 'text/csv; charset=utf-8', 'TEXT/CSV', 'text/csv; charset=latin1', 'application/json', 'text/plain');
const hostileParamValue = fc.oneof(
  hostileText,
  fc.constantFrom('.', '0', '-1', 'cmp_', 'rcp_0', 'rcp_99999999999999999999', 'rcp_-1', 'rcp_1e3', '%', '%2F', 'null'),
);

/** A case for `route`, of any variant. */
export function caseFor(route: RouteSpec): fc.Arbitrary<FuzzCase> {
  return VARIANTS.chain((variant) => caseOf(route, variant));
}

function caseOf(route: RouteSpec, variant: Variant): fc.Arbitrary<FuzzCase> {
  const plain = variant === 'baseline' || variant === 'text';
  return fc.record({
    route: fc.constant(route),
    variant: fc.constant(variant),
    payload: route.csv ? csvFor(variant) : route.multipart ? multipartFor(variant) : jsonFor(route, variant),
    encoding: plain ? fc.constant('utf8' as const) : fc.oneof({ weight: 4, arbitrary: fc.constant('utf8' as const) }, { weight: 1, arbitrary: fc.constant('wtf8' as const) }),
    query: queryFor(route, variant),
    hostileParam:
      !plain && route.path.includes(':')
        ? fc.option(fc.record({ at: fc.nat(), value: hostileParamValue }), { freq: 3, nil: undefined })
        : fc.constant(undefined),
    pick: fc.nat(),
  }).map(({ payload, ...rest }) => {
    const shaped: FuzzCase = { ...rest, ...payload };
    // A tame CSV names its address column (or not) itself; the query carries it.
    if (payload.csv?.emailColumn !== undefined) shaped.query = [['emailColumn', payload.csv.emailColumn], ...rest.query];
    return shaped;
  });
}

type Payload = { body?: unknown; csv?: CsvDocument; multipart?: MultipartDocument; contentType?: string };

function multipartFor(variant: Variant): fc.Arbitrary<Payload> {
  const document = variant === 'baseline' ? multipartDocument(TAME) : variant === 'text' ? multipartDocument(HOSTILE) : spoiledMultipartDocument;
  return document.map((multipart) => ({ multipart, contentType: multipart.contentType }));
}

function jsonFor(route: RouteSpec, variant: Variant): fc.Arbitrary<Payload> {
  if (route.method === 'GET') return fc.constant({});
  const withType = (body: fc.Arbitrary<unknown>, type: fc.Arbitrary<string>) => fc.record({ body, contentType: type });
  const json = fc.constant('application/json');
  if (!route.body) {
    // A route that reads no body must not mind one.
    return variant === 'baseline' || variant === 'text' ? fc.constant({}) : fc.oneof(fc.constant({}), withType(hostileBody, jsonContentType));
  }
  switch (variant) {
    case 'baseline':
      return withType(route.body(TAME), json);
    case 'text':
      return withType(route.body(HOSTILE), json);
    case 'mutated':
      return withType(fc.tuple(fc.oneof(route.body(TAME), route.body(HOSTILE)), mutation).map(([body, m]) => applyMutation(body, m)), jsonContentType);
    case 'hostile':
      return withType(hostileBody, jsonContentType);
  }
}

function csvFor(variant: Variant): fc.Arbitrary<Payload> {
  switch (variant) {
    case 'baseline':
      return csvDocument(TAME).map((csv) => ({ csv, contentType: 'text/csv' }));
    case 'text':
      return csvDocument(HOSTILE).map((csv) => ({ csv, contentType: 'text/csv' }));
    case 'mutated':
      return fc.record({ csv: spoiledCsvDocument(HOSTILE), contentType: wrongCsvType });
    case 'hostile':
      return fc.record({ csv: hostileCsvDocument, contentType: wrongCsvType });
  }
}

const asEntries = (query: Record<string, string | undefined>): [string, string][] =>
  Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);

function queryFor(route: RouteSpec, variant: Variant): fc.Arbitrary<[string, string][]> {
  const randomPairs = fc.array(fc.tuple(fc.oneof(prototypeKey, hostileText), hostileText), { maxLength: 3 });
  if (!route.query) return variant === 'hostile' ? randomPairs : fc.constant([]);
  switch (variant) {
    case 'baseline':
      return route.query(TAME).map(asEntries);
    case 'text':
      return route.query(HOSTILE).map(asEntries);
    case 'mutated':
      // One value replaced, or a key repeated (`?limit=1&limit=x`).
      return fc.tuple(route.query(TAME).map(asEntries), fc.nat(), hostileText, fc.boolean()).map(([entries, at, value, repeat]) => {
        if (entries.length === 0) return [['limit', value]];
        const [key] = entries[at % entries.length]!;
        return repeat ? [...entries, [key, value]] : entries.map(([k, v]) => [k, k === key ? value : v]);
      });
    case 'hostile':
      return randomPairs;
  }
}
