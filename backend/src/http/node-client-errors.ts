import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Problem } from '../../../shared/schemas/problem';
import { PROBLEM_TYPES } from './problem';

/**
 * Node only: requests that never reach the app because Node's HTTP parser refused them (a request
 * line and headers over `maxHeaderSize`, 16 KB by default; a malformed request line) are answered
 * as problems too, like everything else this server says.
 *
 * Node's default answers a bare 431/400 and destroys the socket at once; with the client still
 * sending, the unread bytes make the kernel reset the connection, and the client often loses the
 * answer too (seen in the fuzz suite: a 90 KB query string got ECONNRESET). Here the answer says
 * `Connection: close` (RFC 9112 §9.6), the write side is closed, and what the client still sends is
 * read and dropped for a short while before the socket goes.
 */
export function answerClientErrors(server: Server, options: { drainMs?: number } = {}): void {
  const drainMs = options.drainMs ?? 2_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const type = tooLarge ? 'request-header-too-large' : 'malformed-request';
    const { status, title } = PROBLEM_TYPES[type];
    const problem: Problem = {
      type: `/problems/${type}`,
      title,
      status,
      detail: tooLarge
        ? 'The URL and headers together are over 16 KB. Send long values in a JSON body instead.'
        : 'The request is not valid HTTP/1.1.',
    };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'content-type: application/problem+json\r\n' +
        'cache-control: no-store\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        'connection: close\r\n\r\n' +
        body,
    );
    socket.resume();
    setTimeout(() => socket.destroy(), drainMs).unref();
  });
}
