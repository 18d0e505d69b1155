import { Miniflare, type RequestInit as MiniflareRequestInit } from 'miniflare';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import * as z from 'zod';
import { WORKER_BUNDLE } from './worker-bundle';

type ScheduledFetcher = {
  scheduled(options: { cron: string; scheduledTime: Date }): Promise<{ outcome: string; noRetry: boolean }>;
};

const ROOT = resolve(import.meta.dirname, '../../..');

const wranglerConfigSchema = z.object({
  compatibility_date: z.string(),
  compatibility_flags: z.array(z.string()),
  vars: z.record(z.string(), z.string()),
});

/** wrangler.jsonc's compatibility settings and vars, so the tests run under what would be deployed. */
export function wranglerSettings(): { compatibilityDate: string; compatibilityFlags: string[]; vars: Record<string, string> } {
  // TypeScript's reader of tsconfig files takes JSON with comments, as wrangler does.
  const { config, error } = ts.parseConfigFileTextToJson('wrangler.jsonc', readFileSync(resolve(ROOT, 'wrangler.jsonc'), 'utf8'));
  if (error) throw new Error(`wrangler.jsonc: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const parsed = wranglerConfigSchema.parse(config);
  return { compatibilityDate: parsed.compatibility_date, compatibilityFlags: parsed.compatibility_flags, vars: parsed.vars };
}

/**
 * The bundle as one ES module given with its contents: with `scriptPath`, miniflare parses the 3 MB
 * bundle in Node to collect its imports (about 2 s of CPU per start); wrangler already resolved them.
 */
export function workerModules() {
  return { modules: [{ type: 'ESModule' as const, path: WORKER_BUNDLE, contents: readFileSync(WORKER_BUNDLE, 'utf8') }] };
}

/**
 * The built Worker bundle (`.output/worker/worker.js`) in workerd through miniflare, with
 * wrangler.jsonc's vars overridden by `bindings` (the secrets `wrangler secret put` would set).
 *
 * @example const worker = await startWorker({ DATABASE_URL: sqld.url, ... }); await worker.fetch('/health');
 */
export async function startWorker(bindings: Record<string, string>) {
  const settings = wranglerSettings();
  const mf = new Miniflare({
    ...workerModules(),
    compatibilityDate: settings.compatibilityDate,
    compatibilityFlags: settings.compatibilityFlags,
    // DNS over HTTPS to the discard port unless a test says otherwise: refused at once, never leaves the machine.
    bindings: { ...settings.vars, DNS_OVER_HTTPS_URL: 'http://127.0.0.1:9/dns-query', ...bindings },
  });
  await mf.ready;
  const publicUrl = bindings.PUBLIC_URL ?? 'http://localhost';
  return {
    mf,
    /** A request as the Worker receives it, at PUBLIC_URL. */
    async fetch(path: string, init: RequestInit = {}): Promise<Response> {
      // miniflare takes and gives undici's Request and Response: Node's own classes, typed apart from the DOM's.
      const response = await mf.dispatchFetch(new URL(path, publicUrl).toString(), { redirect: 'manual', ...init } as MiniflareRequestInit);
      return response as unknown as Response;
    },
    /** What the Cron Trigger does every minute. */
    async scheduled(scheduledTime = new Date()) {
      // miniflare's Fetcher type comes from @cloudflare/workers-types, which this project does not install.
      const worker = (await mf.getWorker()) as unknown as ScheduledFetcher;
      return worker.scheduled({ cron: '* * * * *', scheduledTime });
    },
    close: () => mf.dispose(),
  };
}

export type WorkerInstance = Awaited<ReturnType<typeof startWorker>>;
