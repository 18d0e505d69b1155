/**
 * Raw bytes per upload message, shared by the panel (which cuts the file) and the router (which
 * bounds the message). Without zod, so the panel can import it (its budget, issue 14).
 *
 * Runtime messages are JSON (Chrome serialises them; an ArrayBuffer arrives as `{}`), so a piece
 * travels as base64: 1 MiB becomes 1,398,104 characters, far under Chrome's 64 MiB per message, and
 * small enough that the panel can show progress piece by piece.
 * https://chromium.googlesource.com/chromium/src/+/a2fa993e901b58e36748540c21f3bad51187f87d/extensions/renderer/api/messaging/messaging_util.cc
 */
export const UPLOAD_PIECE_BYTES = 1024 * 1024;

/** The base64 length of a full piece. */
export const UPLOAD_PIECE_BASE64_CHARS = Math.ceil(UPLOAD_PIECE_BYTES / 3) * 4;
