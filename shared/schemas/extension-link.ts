import * as z from 'zod';

/**
 * The contract between the dashboard's "link the extension" page and the extension's background
 * (issue 7). The background opens `EXTENSION_LINK_PATH?state=…&extension=…`; the signed-in user
 * confirms with a form post; the answer carries the new API token only inside the page, in the
 * element `EXTENSION_TOKEN_ELEMENT_ID` (text: the token, `data-state`: the state echoed back), where
 * the background reads it from the one tab it opened.
 */
export const EXTENSION_LINK_PATH = '/extension/link';

/** The id of the done page's `<output>` that holds the token. */
export const EXTENSION_TOKEN_ELEMENT_ID = 'extension-token';

/** 32 random bytes, base64url without padding: made by the extension for one link attempt. */
export const linkStateSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'The link request is malformed.');

/** A Chrome extension id: 32 letters a–p. */
export const extensionIdSchema = z.string().regex(/^[a-p]{32}$/, 'The extension id is malformed.');

/** The query of the link page, and the hidden fields of its form. */
export const extensionLinkRequestSchema = z.object({ state: linkStateSchema, extension: extensionIdSchema });
export type ExtensionLinkRequest = z.infer<typeof extensionLinkRequestSchema>;
