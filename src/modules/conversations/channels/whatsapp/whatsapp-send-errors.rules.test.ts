import { describe, expect, it } from 'vitest';
import { classifySendError, describeErrorCode, isMarketingOptOut } from './whatsapp-send-errors.rules.ts';

const kindOf = (code: number, httpStatus = 400) => {
  const fields = classifySendError(httpStatus, { code, message: `(#${code})` });
  return `${fields.kind}${fields.permanent ? ' permanent' : ''}`;
};

describe('classifySendError', () => {
  it("maps Meta's documented codes to what the sender should do", () => {
    expect(kindOf(130429, 429)).toBe('rate_limited');
    expect(kindOf(80007)).toBe('rate_limited');
    expect(kindOf(4)).toBe('rate_limited');
    expect(kindOf(131056)).toBe('pair_rate_limited');
    expect(kindOf(131047)).toBe('re_engagement_required permanent');
    expect(kindOf(131026)).toBe('undeliverable permanent');
    expect(kindOf(131050)).toBe('undeliverable permanent');
    expect(kindOf(131030)).toBe('invalid_recipient permanent');
    expect(kindOf(190, 401)).toBe('auth permanent');
    expect(kindOf(250, 403)).toBe('auth permanent');
    expect(kindOf(132001)).toBe('template permanent');
    expect(kindOf(132016)).toBe('template permanent');
    expect(kindOf(132069)).toBe('template permanent');
    expect(kindOf(131000, 500)).toBe('temporary');
    expect(kindOf(131016, 503)).toBe('temporary');
    expect(kindOf(131009)).toBe('permanent permanent');
  });

  it('falls back on is_transient and the HTTP status for codes it does not know', () => {
    expect(classifySendError(400, { code: 999999, is_transient: true }).kind).toBe('temporary');
    expect(classifySendError(502, { code: 999999 }).kind).toBe('temporary');
    expect(classifySendError(429, { code: 999999 }).kind).toBe('rate_limited');
    expect(classifySendError(400, { code: 999999 })).toMatchObject({ kind: 'permanent', permanent: true });
    expect(classifySendError(undefined, undefined)).toMatchObject({
      code: 0,
      kind: 'temporary',
      permanent: false,
    });
    expect(classifySendError(502, undefined).kind).toBe('temporary');
  });

  it('keeps subcode, details and trace id, and reads Retry-After', () => {
    const fields = classifySendError(
      400,
      { code: 80007, error_subcode: 2446079, error_data: { details: 'slow down' }, fbtrace_id: 'AXsg' },
      '30',
    );
    expect(fields).toEqual({
      code: 80007,
      subcode: 2446079,
      httpStatus: 400,
      details: 'slow down',
      fbtraceId: 'AXsg',
      kind: 'rate_limited',
      permanent: false,
      retryAfterMs: 30_000,
    });
    expect(classifySendError(400, { code: 131056 }).retryAfterMs).toBe(6_000);
    expect(
      classifySendError(400, { code: 130429 }, 'Wed, 21 Oct 2026 07:28:00 GMT').retryAfterMs,
    ).toBeUndefined();
  });

  it("describes codes in Meta's words and flags marketing opt-outs", () => {
    expect(describeErrorCode(131047)).toMatch(/24 h/);
    expect(describeErrorCode(42)).toBeUndefined();
    expect(isMarketingOptOut(131050)).toBe(true);
    expect(isMarketingOptOut(131026)).toBe(false);
  });
});
