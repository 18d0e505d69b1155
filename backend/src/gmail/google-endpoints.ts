/**
 * Where the Google client library sends its requests. Production uses Google's own URLs; the
 * Gmail sandbox answers the same requests at other base URLs. Nothing else in the code differs.
 */
export type GoogleEndpoints = {
  clientId: string;
  clientSecret: string;
  /** Opened in the user's browser: must be reachable from there. */
  authUrl: string;
  /** Called by the server. */
  tokenUrl: string;
  revokeUrl: string;
  userinfoUrl: string;
  /** `rootUrl` of the Gmail API client, with a trailing slash. */
  gmailRootUrl: string;
  isSandbox: boolean;
  /** The sandbox's mailbox viewer as the user's browser reaches it (no trailing slash); null with Google. */
  sandboxViewerUrl: string | null;
};

export function googleProductionEndpoints(credentials: { clientId: string; clientSecret: string }): GoogleEndpoints {
  return {
    ...credentials,
    authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
    gmailRootUrl: 'https://gmail.googleapis.com/',
    isSandbox: false,
    sandboxViewerUrl: null,
  };
}

/**
 * The Gmail sandbox. `browserBase` is how the user's browser reaches its OAuth pages (PUBLIC_URL),
 * `serverBase` how this server reaches its endpoints (loopback: PUBLIC_URL may be a proxy the server
 * itself cannot call), and `gmailRootUrl` the origin serving `/gmail/v1/*` (the Gmail client keeps
 * only the origin of its rootUrl, so the sandbox's Gmail routes are mounted at the root).
 */
export function gmailSandboxEndpoints(urls: { browserBase: string; serverBase: string; gmailRootUrl: string }): GoogleEndpoints {
  return {
    clientId: 'iconnect-sandbox-client',
    clientSecret: 'iconnect-sandbox-secret',
    authUrl: `${urls.browserBase}/o/oauth2/v2/auth`,
    tokenUrl: `${urls.serverBase}/token`,
    revokeUrl: `${urls.serverBase}/revoke`,
    userinfoUrl: `${urls.serverBase}/oauth2/v3/userinfo`,
    gmailRootUrl: urls.gmailRootUrl.replace(/\/*$/, '/'),
    isSandbox: true,
    sandboxViewerUrl: urls.browserBase.replace(/\/+$/, ''),
  };
}
