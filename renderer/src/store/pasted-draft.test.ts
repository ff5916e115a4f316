import { describe, expect, it } from 'vitest';
import type { PastedRequest } from '../../../shared/requests/pasted-request.ts';
import { pastedToDraft } from './pasted-draft.ts';
import { draftToSpec, emptyDraft } from './request-draft.ts';

const request = (patch: Partial<PastedRequest>): PastedRequest => ({
  method: 'GET',
  url: 'https://x.test/events',
  headers: [],
  body: null,
  insecure: false,
  proxy: null,
  unsupported: [],
  ...patch,
});

describe('a pasted request in the request bar', () => {
  it('fills every field it has and resets the rest', () => {
    const { draft, notes } = pastedToDraft(
      request({
        method: 'POST',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Empty', ''],
        ],
        body: '{"stream":true}',
        insecure: true,
        proxy: 'http://proxy.local:3128',
      }),
    );
    expect(draft).toEqual({
      ...emptyDraft,
      method: 'POST',
      url: 'https://x.test/events',
      headersText: 'Content-Type: application/json\nX-Empty: ',
      body: '{"stream":true}',
      insecure: true,
      proxyMode: 'url',
      proxyUrl: 'http://proxy.local:3128',
    });
    expect(notes).toEqual([]);
    expect(draftToSpec(draft)).toMatchObject({
      ok: true,
      spec: {
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Empty', ''],
        ],
      },
    });
  });

  it('passes the unsupported flags on as notes', () => {
    expect(pastedToDraft(request({ unsupported: ['-F', '--max-time'] })).notes).toEqual([
      '-F',
      '--max-time',
    ]);
  });

  it('names a method the bar cannot send and picks the nearest', () => {
    expect(pastedToDraft(request({ method: 'HEAD' }))).toMatchObject({
      draft: { method: 'GET' },
      notes: ['method HEAD (not one we send; GET is set)'],
    });
    expect(pastedToDraft(request({ method: 'put', body: 'x' })).draft.method).toBe('PUT');
  });

  it('names the {{variables}} the user must give a value, and the bar refuses to send them', () => {
    const { draft, notes } = pastedToDraft(
      request({ headers: [['Authorization', 'Bearer {{OPENAI_API_KEY}}']] }),
    );
    expect(notes).toEqual([
      '{{OPENAI_API_KEY}} (a shell variable in the command): give it a value before connecting',
    ]);
    expect(draftToSpec(draft)).toMatchObject({ ok: false, field: 'headers' });
  });
});
