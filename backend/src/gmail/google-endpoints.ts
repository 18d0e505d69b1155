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
  };
}

/**
 * The sandbox mounted at `/sandbox/google`: `browserBase` is how the user's browser reaches it
 * (PUBLIC_URL), `serverBase` how this server reaches it (loopback; PUBLIC_URL may be a proxy the
 * server itself cannot call).
 */
export function gmailSandboxEndpoints(browserBase: string, serverBase: string): GoogleEndpoints {
  return {
    clientId: 'iconnect-sandbox-client',
    clientSecret: 'iconnect-sandbox-secret',
    authUrl: `${browserBase}/o/oauth2/v2/auth`,
    tokenUrl: `${serverBase}/token`,
    revokeUrl: `${serverBase}/revoke`,
    userinfoUrl: `${serverBase}/oauth2/v3/userinfo`,
    gmailRootUrl: `${serverBase}/`,
    isSandbox: true,
  };
}
