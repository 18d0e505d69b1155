import { singleLineText } from './text';

/** Subject: one header line (RFC 5322 caps a line at 998 characters), without control characters. */
export const subjectSchema = () =>
  singleLineText({ lineBreak: 'A subject is a single line' }).max(998, 'A subject has at most 998 characters');
