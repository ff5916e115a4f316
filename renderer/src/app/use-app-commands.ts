import { useCallback, useEffect } from 'react';
import { commandForKey, type AppCommandId } from '../../../shared/desktop/app-commands.ts';
import type { AppIntent, InspectorApi } from '../../../shared/ipc/api.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { useInspectorApi } from '../api/api-context.ts';
import { openRecordedSession } from '../features/history/open-session.ts';
import { describeExport } from '../format/describe-export.ts';
import { startDownload } from '../lib/download.ts';
import { useInspectorStore } from '../store/inspector-store.ts';
import { planCommand } from './command-plan.ts';

/** Elements the commands move focus to, by id (set by the request bar and the timeline). */
export const urlFieldId = 'request-url';
export const timelineSearchId = 'timeline-search';

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function focusById(id: string): boolean {
  const element = document.getElementById(id);
  if (!(element instanceof HTMLInputElement)) return false;
  element.focus();
  element.select();
  return true;
}

function say(text: string, error = false): void {
  useInspectorStore.getState().setCommandMessage({ error, text });
}

async function runCommand(
  api: InspectorApi,
  command: AppCommandId,
  openShortcuts: () => void,
): Promise<void> {
  const store = useInspectorStore.getState();
  const selectedId = store.selectedConnectionId;
  const plan = planCommand(command, {
    selected: selectedId === null ? null : (store.connections[selectedId] ?? null),
    order: store.connectionOrder,
  });
  if (!plan.applies) {
    say(plan.reason);
    return;
  }
  const id = plan.connectionId as number;
  switch (command) {
    case 'focus-url':
      focusById(urlFieldId);
      return;
    case 'connect': {
      // The request bar's own submit: the same validation, errors and secret prompts.
      const form = document.getElementById(urlFieldId)?.closest('form');
      form?.requestSubmit();
      return;
    }
    case 'shortcuts':
      openShortcuts();
      return;
    case 'next-connection':
    case 'previous-connection':
      store.selectConnection(id);
      return;
    case 'search':
      store.setMainView('timeline');
      // The toolbar appears in the next commit when another tab was showing.
      requestAnimationFrame(() => {
        if (!focusById(timelineSearchId)) say('The timeline has no rows to search yet.');
      });
      return;
    case 'disconnect':
      await api.disconnect(id);
      say('Disconnected.');
      return;
    case 'reconnect':
      await api.reconnectNow(id);
      say('Reconnecting now.');
      return;
    case 'drop':
      await api.dropConnection(id);
      say('Connection dropped.');
      return;
    case 'export': {
      say('Exporting the session…');
      const outcome = await api.exportSession(id, 'json');
      if (outcome.status === 'download') startDownload(outcome.url, outcome.fileName);
      say(describeExport(outcome) ?? 'Export cancelled.');
      return;
    }
  }
}

async function followIntent(
  api: InspectorApi,
  intent: AppIntent,
  openShortcuts: () => void,
): Promise<void> {
  switch (intent.kind) {
    case 'open-session':
      useInspectorStore.getState().bumpHistory();
      await openRecordedSession(api, intent.sessionId);
      say(`Opened ${intent.name}.`);
      return;
    case 'fill-request':
      // A link only fills the bar: the user reads the request and connects themselves.
      useInspectorStore.getState().updateDraft({ method: intent.method, url: intent.url });
      requestAnimationFrame(() => focusById(urlFieldId));
      say('Request filled from a link: check it, then press Connect.');
      return;
    case 'command':
      await runCommand(api, intent.command, openShortcuts);
      return;
  }
}

/**
 * The app's commands from every source: their keys (one handler for the window), the desktop
 * menu and the files and links the OS hands to main (pushed as intents).
 */
export function useAppCommands(openShortcuts: () => void): void {
  const api = useInspectorApi();
  const fail = useCallback((error: unknown) => say(errorMessage(error), true), []);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event, isMac);
      if (command === null) return;
      // Also stops the browser's own use of the chord (find, address bar) and the URL
      // field's implicit submit on Ctrl+Enter.
      event.preventDefault();
      runCommand(api, command, openShortcuts).catch(fail);
    };
    window.addEventListener('keydown', onKeyDown);
    const unsubscribe = api.onAppIntent((intent) => {
      followIntent(api, intent, openShortcuts).catch(fail);
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unsubscribe();
    };
  }, [api, openShortcuts, fail]);
}
