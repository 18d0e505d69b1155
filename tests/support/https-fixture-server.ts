import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

export interface HttpsFixtureServer {
  port: number;
  /** Every path requested so far, in order. */
  requests(): string[];
  /** Stops the server and deletes the certificate. Safe to call twice. */
  stop(): Promise<void>;
}

export interface HttpsFixtureOptions {
  /** The host name the certificate is for, e.g. `mail.google.com`. */
  hostname: string;
  /** URL path → file to serve; anything else answers 404. */
  files: Record<string, string>;
  /** Sent with every HTML page. */
  contentSecurityPolicy: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Serves fixture files over HTTPS on 127.0.0.1 with a self-signed certificate for `hostname`,
 * made by openssl for this run only. Point Chromium at it with
 * `--host-resolver-rules=MAP <hostname> 127.0.0.1:<port>` and `--ignore-certificate-errors`, and a
 * content script matching `https://<hostname>/*` runs on the fixture as on the real site.
 *
 * @example
 * const server = await startHttpsFixtureServer({ hostname: 'mail.google.com', files: { '/mail/u/0/': 'compose.html' }, contentSecurityPolicy: "default-src 'self'" });
 */
export async function startHttpsFixtureServer(options: HttpsFixtureOptions): Promise<HttpsFixtureServer> {
  const certDir = mkdtempSync(join(tmpdir(), 'iconnect-cert-'));
  const keyPath = join(certDir, 'key.pem');
  const certPath = join(certDir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '1',
        '-subj', `/CN=${options.hostname}`,
        '-addext', `subjectAltName=DNS:${options.hostname}`,
        '-keyout', keyPath, '-out', certPath,
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    rmSync(certDir, { recursive: true, force: true });
    throw new Error(`openssl could not make a certificate for ${options.hostname}: ${String(error)}`);
  }

  const requested: string[] = [];
  const server = createServer({ key: readFileSync(keyPath), cert: readFileSync(certPath) }, (request, response) => {
    const path = new URL(request.url ?? '/', `https://${options.hostname}`).pathname;
    requested.push(path);
    const file = options.files[path];
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-store',
      ...(type.startsWith('text/html') ? { 'content-security-policy': options.contentSecurityPolicy } : {}),
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });

  let stopped = false;
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => [...requested],
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}
