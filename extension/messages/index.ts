import { z } from 'zod';
import {
  connectionConnectSchema,
  connectionDisconnectSchema,
  connectionGetSchema,
  connectionStateSchema,
  type ConnectionState,
} from './connection';
import { resultSchema, type Result } from './result';

/**
 * Every message the background answers. A message that does not parse against
 * this union is refused before any handler sees it.
 */
export const messageSchema = z.discriminatedUnion('type', [
  connectionGetSchema,
  connectionConnectSchema,
  connectionDisconnectSchema,
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** The value each message answers with, wrapped by the router in a `Result`. */
export interface ResponseValues {
  'connection/get': ConnectionState;
  'connection/connect': ConnectionState;
  'connection/disconnect': ConnectionState;
}
export type ResponseValue<T extends MessageType> = ResponseValues[T];

/** Checked by the panel on every answer: validate at the edge, even our own background's. */
const responseValueSchemas: { [T in MessageType]: z.ZodType<ResponseValues[T]> } = {
  'connection/get': connectionStateSchema,
  'connection/connect': connectionStateSchema,
  'connection/disconnect': connectionStateSchema,
};

export function responseSchema<T extends MessageType>(type: T): z.ZodType<Result<ResponseValue<T>>> {
  return resultSchema<ResponseValue<T>>(responseValueSchemas[type]);
}

export { connectionStateSchema, type ConnectionState } from './connection';
export { err, ok, type MessageError, type MessageErrorCode, type Result } from './result';
