import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { InspectorApi } from '../../../shared/ipc/api.ts';
import { draftToSpec } from './request-draft.ts';
import { draftLookup, resolveDraft } from './resolve-draft.ts';
import { useInspectorStore } from './inspector-store.ts';

export type ConnectOutcome =
  | { ok: true; status: ConnectionStatus }
  /**
   * Nothing was sent: `unresolved` names the `{{…}}` without a value (the request bar lists
   * them); empty when a field needs fixing instead (its message is shown by the field).
   */
  | { ok: false; unresolved: string[] };

/**
 * Sends the request bar's request: `{{…}}` resolved from the active environment and the loaded
 * request's collection, nothing sent while one is unresolved or a field is wrong. A run of a
 * collection request is remembered as its last session.
 */
export async function connectDraft(api: InspectorApi): Promise<ConnectOutcome> {
  const state = useInspectorStore.getState();
  const { draft, missing } = resolveDraft(
    state.draft,
    draftLookup(state.environments, state.loadedRequest),
  );
  if (missing.length > 0) {
    const first = `{{${missing[0]}}}`;
    const inHeaders = !state.draft.url.includes(first) && state.draft.headersText.includes(first);
    useInspectorStore.setState({
      draftError: {
        field: inHeaders ? 'headers' : 'url',
        message: `Replace ${missing.map((name) => `{{${name}}}`).join(', ')} or define ${missing.length === 1 ? 'it' : 'them'} in the active environment: nothing was sent.`,
      },
      optionsOpen: state.optionsOpen || inHeaders,
    });
    return { ok: false, unresolved: missing };
  }
  const result = draftToSpec(draft);
  if (!result.ok) {
    state.validateDraft();
    if (useInspectorStore.getState().draftError === null) {
      useInspectorStore.setState({
        draftError: { field: result.field, message: result.message },
      });
    }
    return { ok: false, unresolved: [] };
  }
  const status = await api.connect(result.spec);
  useInspectorStore.getState().upsertStatuses([status]);
  const loaded = state.loadedRequest;
  if (loaded !== null) {
    await api.recordCollectionRun(loaded.id, status.id);
    useInspectorStore.getState().bumpCollections();
  }
  return { ok: true, status };
}
