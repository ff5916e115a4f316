import { useState } from 'react';
import { parsePastedRequest } from '../../../../shared/requests/pasted-request.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { pastedToDraft } from '../../store/pasted-draft.ts';

/** What the last paste did: filled the bar (with notes) or could not be read. */
export type PasteNotice = { ok: true; notes: string[] } | { ok: false; message: string };

/**
 * Fills the request bar from a curl command or fetch snippet (pasted into the URL box or the
 * Import request dialog) and keeps the notice that says what was not taken over.
 */
export function usePastedRequest() {
  const [notice, setNotice] = useState<PasteNotice | null>(null);

  /** Returns the reason when the text cannot be read (the bar is then left as it was). */
  const importText = (text: string): string | null => {
    const result = parsePastedRequest(text);
    if (!result.ok) return result.message;
    const { draft, notes } = pastedToDraft(result.request);
    const store = useInspectorStore.getState();
    store.updateDraft(draft);
    // Headers, body and proxy live in the options panel: show what was filled in.
    const hasOptions =
      draft.headersText !== '' || draft.body !== '' || draft.proxyMode !== 'env' || draft.insecure;
    if (hasOptions) store.setOptionsOpen(true);
    setNotice({ ok: true, notes });
    return null;
  };

  /** For a paste into the URL box that looked like a request but could not be read. */
  const showError = (message: string) => setNotice({ ok: false, message });

  return { notice, importText, showError, dismiss: () => setNotice(null) };
}
