import { describe, expect, it } from 'vitest';
import { errors } from 'undici';
import { categorizeError, describeError } from './error-category.ts';

function systemError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('categorizeError', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['ESOMETHINGELSE', 'other'],
  ])('maps %s to %s', (code, category) => {
    expect(categorizeError(systemError(code))).toBe(category);
  });

  it('maps undici timeouts and socket errors', () => {
    expect(categorizeError(new errors.ConnectTimeoutError())).toBe('timeout');
    expect(categorizeError(new errors.HeadersTimeoutError())).toBe('timeout');
    expect(categorizeError(new errors.BodyTimeoutError())).toBe('timeout');
    expect(categorizeError(new errors.SocketError('other side closed'))).toBe('reset');
  });

  it('prefers the system error an undici wrapper carries as its cause', () => {
    const wrapped = new errors.SocketError('other side closed');
    (wrapped as Error).cause = systemError('ECONNREFUSED');
    expect(categorizeError(wrapped)).toBe('refused');
  });

  it('looks inside AggregateErrors from happy-eyeballs connects', () => {
    const error = new AggregateError(
      [systemError('ECONNREFUSED'), systemError('ECONNREFUSED')],
      '',
    );
    expect(categorizeError(error)).toBe('refused');
  });

  it('treats aborts as aborted, and anything unknown as other', () => {
    expect(categorizeError(new errors.RequestAbortedError())).toBe('aborted');
    expect(categorizeError('boom')).toBe('other');
  });
});

describe('describeError', () => {
  it('adds the code when the message does not show it', () => {
    expect(describeError(systemError('ECONNREFUSED', 'connect failed'))).toBe(
      'connect failed (ECONNREFUSED)',
    );
    expect(describeError(systemError('ECONNREFUSED', 'connect ECONNREFUSED 1.2.3.4:80'))).toBe(
      'connect ECONNREFUSED 1.2.3.4:80',
    );
    expect(describeError(new AggregateError([systemError('ECONNREFUSED', 'x')], ''))).toBe(
      'x (ECONNREFUSED)',
    );
  });

  it('says "response headers too large" for a head over the HTTP client limit', () => {
    const overflow = new errors.HeadersOverflowError();
    expect(categorizeError(overflow)).toBe('protocol');
    expect(describeError(overflow)).toMatch(
      /^response headers too large \(over the HTTP client's \d+-byte limit .*\) \(UND_ERR_HEADERS_OVERFLOW\)$/,
    );
  });
});
