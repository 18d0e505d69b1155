/**
 * The largest JSON request body the API takes (a CSV import has its own, larger limit in
 * recipients-csv/import-limits.ts). Shared so the extension can refuse a bigger message with the
 * same words as the server's 413, before sending it (issue 14).
 */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
