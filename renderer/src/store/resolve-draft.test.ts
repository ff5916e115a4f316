import { describe, expect, it } from 'vitest';
import type { EnvironmentItem } from '../../../shared/ipc/collections-api.ts';
import { emptyDraft } from './request-draft.ts';
import { draftLookup, draftToTemplate, resolveDraft } from './resolve-draft.ts';

const environment = (patch: Partial<EnvironmentItem>): EnvironmentItem => ({
  id: 1,
  name: 'Local',
  active: true,
  variables: [],
  missingSecrets: [],
  missingReason: null,
  ...patch,
});

describe('resolving the request bar', () => {
  const draft = {
    ...emptyDraft,
    url: '{{base}}/events?c={{channel}}',
    headersText: 'Authorization: Bearer {{token}}',
    body: '{"m":"{{model}}"}',
  };

  it('uses the active environment over the collection variables', () => {
    const lookup = draftLookup(
      [
        environment({ variables: [{ name: 'base', value: 'http://env', secret: false }] }),
        environment({
          id: 2,
          active: false,
          variables: [{ name: 'channel', value: 'x', secret: false }],
        }),
      ],
      {
        id: 7,
        name: 'r',
        collectionVariables: [
          { name: 'base', value: 'http://collection', secret: false },
          { name: 'model', value: 'm1', secret: false },
        ],
      },
    );
    const result = resolveDraft(draft, lookup);
    expect(result.draft.url).toBe('http://env/events?c={{channel}}');
    expect(result.draft.body).toBe('{"m":"m1"}');
    expect(result.missing).toEqual(['channel', 'token']);
  });

  it('treats a secret this machine has no value for as unresolved, not empty', () => {
    const lookup = draftLookup(
      [
        environment({
          variables: [{ name: 'token', value: '', secret: true }],
          missingSecrets: ['token'],
          missingReason: 'not-saved',
        }),
      ],
      null,
    );
    expect(resolveDraft(draft, lookup).missing).toContain('token');
  });

  it('turns the draft into a template with its {{…}} as typed', () => {
    expect(draftToTemplate(draft)).toEqual({
      method: 'GET',
      url: '{{base}}/events?c={{channel}}',
      headers: [['Authorization', 'Bearer {{token}}']],
      body: '{"m":"{{model}}"}',
    });
  });
});
