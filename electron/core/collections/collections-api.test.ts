import { describe, expect, it } from 'vitest';
import { InspectorCore } from '../inspector-core.ts';
import { testKeyStore } from '../secrets/sealing-test-kit.ts';

function core(keyStore = testKeyStore()) {
  return new InspectorCore({ workspacePath: ':memory:', version: '1.0.0', host: 'web', keyStore });
}

describe('the collections API', () => {
  it('adds the request bar request to "My requests", loads it back and exports it', () => {
    const { collections } = core();
    const saved = collections.addCollectionRequest(null, 'Chat', {
      method: 'post',
      url: '{{base}}/chat',
      headers: [['Authorization', 'Bearer sk-live-1']],
      body: '{}',
    });
    expect(saved.notSaved).toEqual([]);
    const [collection] = collections.listCollections();
    expect(collection).toMatchObject({
      name: 'My requests',
      requests: [{ name: 'Chat', method: 'POST' }],
    });
    expect(collections.getCollectionRequest(saved.id)).toMatchObject({
      url: '{{base}}/chat',
      headers: [['Authorization', 'Bearer sk-live-1']],
      missingSecrets: [],
    });
    const exported = JSON.parse(collections.exportCollection(collection!.id, 'postman')) as {
      item: Array<{ request: { header: unknown } }>;
    };
    expect(exported.item[0]!.request.header).toEqual([
      { key: 'Authorization', value: 'Bearer [REDACTED]' },
    ]);
  });

  it("replaces a stored request with the request bar's edits, its secret sealed", () => {
    const { collections } = core();
    const { id } = collections.addCollectionRequest(null, 'Feed', {
      method: 'GET',
      url: '{{base}}/feed',
      headers: [],
      body: null,
    });
    const saved = collections.updateCollectionRequest(id, {
      method: 'POST',
      url: '{{base}}/feed?token=t-1',
      headers: [['X-Api-Key', 'k-1']],
      body: '{}',
    });
    expect(saved).toEqual({ id, notSaved: [] });
    expect(collections.listCollections()[0]!.requests[0]!.url).toBe(
      '{{base}}/feed?token=[REDACTED]',
    );
    expect(collections.getCollectionRequest(id)).toMatchObject({
      method: 'POST',
      url: '{{base}}/feed?token=t-1',
      headers: [['X-Api-Key', 'k-1']],
      body: '{}',
    });
  });

  it('keeps a check spec with a request, without the spec’s own request and its secrets', () => {
    const { collections } = core();
    const { id } = collections.addCollectionRequest(null, 'Feed', {
      method: 'GET',
      url: 'http://127.0.0.1:1/feed',
      headers: [],
      body: null,
    });
    expect(collections.getRequestCheckSpec(id)).toBeNull();
    expect(collections.listCollections()[0]!.requests[0]!.hasChecks).toBe(false);
    collections.saveRequestCheckSpec(id, {
      request: { url: 'http://h/x', headers: [['Authorization', 'Bearer sk-in-spec']] },
      expect: { status: 200, events: { min: 1 } },
      stop: { events: 5 },
    });
    expect(collections.getRequestCheckSpec(id)).toEqual({
      expect: { status: 200, events: { min: 1 } },
      stop: { events: 5 },
    });
    expect(collections.listCollections()[0]!.requests[0]!.hasChecks).toBe(true);
    const copy = collections.duplicateCollectionItem('request', id);
    expect(collections.getRequestCheckSpec(copy)).toEqual(collections.getRequestCheckSpec(id));
    collections.saveRequestCheckSpec(id, null);
    expect(collections.getRequestCheckSpec(id)).toBeNull();
    expect(() => collections.saveRequestCheckSpec(id + 100, null)).toThrow(/no request/);
  });

  it('refuses a file that is none of the formats with a wrong-format error', () => {
    expect(() => core().collections.importCollection('{"a":1}', 'x.json')).toThrow(
      expect.objectContaining({ code: 'wrong-format' }),
    );
  });

  it('says which secret values it could not keep without a key store', () => {
    const { collections } = new InspectorCore({
      workspacePath: ':memory:',
      version: '1.0.0',
      host: 'web',
    });
    const saved = collections.saveEnvironment(null, {
      name: 'Prod',
      variables: [{ name: 'token', value: 'tok', secret: true }],
    });
    expect(saved.notSaved).toEqual(['token']);
    expect(collections.listEnvironments()[0]).toMatchObject({
      missingSecrets: ['token'],
      missingReason: 'not-saved',
    });
  });
});
