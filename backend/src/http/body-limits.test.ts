import { describe, expect, it } from 'vitest';
import { problemSchema } from '../../../shared/schemas/problem';
import { signedInAgent } from '../testing/browser-agent';
import { createTestApp } from '../testing/test-app';

describe('a body over the limit (issue 14)', () => {
  it('answers 413 with the limit and the declared size as problem members, and says both', async () => {
    const t = await createTestApp({ bodyLimits: { jsonBytes: 1024 * 1024, csvBytes: 5 * 1024 * 1024 } });
    try {
      const { agent } = await signedInAgent(t, 'size@example.com');
      const body = JSON.stringify({ name: 'x'.repeat(Math.round(5.2 * 1024 * 1024)) });

      const response = await agent.request('POST', '/api/tokens', {
        body,
        headers: { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(body).length) },
      });

      expect(response.status).toBe(413);
      const problem = await response.json();
      expect(problemSchema.safeParse(problem).success).toBe(true);
      expect(problem).toMatchObject({
        type: '/problems/payload-too-large',
        status: 413,
        limitBytes: 1024 * 1024,
        sizeBytes: new TextEncoder().encode(body).length,
        detail: 'The body is 5.2 MB; at most 1 MB.',
      });
    } finally {
      t.close();
    }
  });

  it('gives only the limit for a streamed body of unknown size', async () => {
    const t = await createTestApp({ bodyLimits: { jsonBytes: 1000, csvBytes: 5000 } });
    try {
      const { agent } = await signedInAgent(t, 'stream@example.com');
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(200)));
          controller.close();
        },
      });
      const response = await t.app.request('http://localhost:8787/api/tokens', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json', cookie: agent.cookie!, origin: 'http://localhost:8787' },
        duplex: 'half',
      } as RequestInit);

      expect(response.status).toBe(413);
      const problem = await response.json();
      expect(problem).toMatchObject({ limitBytes: 1000, detail: 'The body is over the limit of 1,000 bytes.' });
      expect(problem).not.toHaveProperty('sizeBytes');
    } finally {
      t.close();
    }
  });
});
