import { useEffect, useState } from 'react';
import { errorMessage } from '../../../shared/errors.ts';
import { useInspectorApi } from '../api/api-context.ts';
import { openRecordedSession } from '../features/history/open-session.ts';
import { toBase64 } from '../lib/base64.ts';
import { useInspectorStore } from '../store/inspector-store.ts';

export interface FileDropState {
  /** Files are being dragged over the window. */
  dragging: boolean;
  /** Why the last dropped file was not imported (the import's own message). */
  error: string | null;
  dismissError(): void;
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files dropped anywhere on the window (session files, HARs, raw captures) go through the same
 * import as History's Import… button; the first session imported opens. A file the importer
 * refuses writes nothing and its message is shown.
 */
export function useFileDrop(): FileDropState {
  const api = useInspectorApi();
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: count them to know when the
    // drag has left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser opens the file in place of the app.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      void importFiles(files);
    };
    const importFiles = async (files: File[]) => {
      const { setCommandMessage } = useInspectorStore.getState();
      setError(null);
      let firstSession: number | null = null;
      let imported = 0;
      for (const file of files) {
        try {
          setCommandMessage({ error: false, text: `Importing ${file.name}…` });
          const result = await api.importSession(file.name, toBase64(await file.arrayBuffer()));
          imported += result.sessions.length;
          firstSession ??= result.sessions[0]?.sessionId ?? null;
        } catch (e) {
          setError(`Could not import ${file.name}: ${errorMessage(e)}`);
        }
      }
      setCommandMessage(
        imported > 0
          ? { error: false, text: `Imported ${imported} session${imported === 1 ? '' : 's'}.` }
          : null,
      );
      if (imported > 0) useInspectorStore.getState().bumpHistory();
      if (firstSession !== null) await openRecordedSession(api, firstSession);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [api]);
  return { dragging, error, dismissError: () => setError(null) };
}
