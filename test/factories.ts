import type { TestContext, TestWorkspace } from './harness.ts';

let counter = 0;

/** Creates a lead through the public API with sensible defaults; override any field. */
export async function buildLead(
  test: TestContext,
  workspace: TestWorkspace,
  overrides: Record<string, unknown> = {},
  headers?: { authorization: string },
) {
  counter += 1;
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/leads',
    headers: headers ?? workspace.headers,
    payload: {
      email: `lead${counter}-${Date.now().toString(36)}@example.com`,
      firstName: 'Camille',
      lastName: `Martin${counter}`,
      ...overrides,
    },
  });
  if (response.statusCode >= 300)
    throw new Error(`buildLead failed: ${response.statusCode} ${response.body}`);
  return response.json() as {
    id: string;
    email: string | null;
    phone: string | null;
    [key: string]: unknown;
  };
}
