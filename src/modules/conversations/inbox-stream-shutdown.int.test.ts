import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestWorkspace } from '../../../test/harness.ts';

// An inbox tab left open holds an event stream; stopping the server must end it rather than wait for it.
let t: TestContext;
let workspace: TestWorkspace;

beforeAll(async () => {
  t = await createTestContext();
  workspace = await t.createWorkspace();
});

afterAll(async () => {
  await t.close();
});

it('ends open event streams when the server closes', async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const response = await fetch(`${url}/api/v1/conversations/stream`, { headers: workspace.headers });
  const reader = response.body!.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain(': connected');

  const closing = t.app.close().then(() => 'closed' as const);
  const timeout = new Promise<'timed out'>((resolve) =>
    setTimeout(() => resolve('timed out'), 5_000).unref(),
  );
  expect(await Promise.race([closing, timeout])).toBe('closed');
  let chunk = await reader.read();
  while (!chunk.done) chunk = await reader.read();
  expect(chunk.done).toBe(true);
});
