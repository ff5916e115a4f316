import type { PastedRequest } from '../../../shared/requests/pasted-request.ts';
import { variablesIn } from '../../../shared/requests/variables.ts';
import { emptyDraft, type RequestDraft } from './request-draft.ts';

const draftMethods: ReadonlyArray<RequestDraft['method']> = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
];

export interface PastedDraft {
  /** A whole new request: what the paste does not say is back to its default. */
  draft: RequestDraft;
  /** What the user should know: unsupported flags, a method we cannot send, values to supply. */
  notes: string[];
}

/** A pasted curl command or fetch snippet as the request bar's fields. */
export function pastedToDraft(request: PastedRequest): PastedDraft {
  const notes = [...request.unsupported];
  let method = draftMethods.find((m) => m === request.method.toUpperCase());
  if (method === undefined) {
    method = request.body === null ? 'GET' : 'POST';
    notes.push(`method ${request.method} (not one we send; ${method} is set)`);
  }
  const headersText = request.headers.map(([name, value]) => `${name}: ${value}`).join('\n');
  const body = request.body ?? '';
  const variables = variablesIn(`${request.url}\n${headersText}\n${body}`);
  if (variables.length > 0) {
    const names = variables.map((name) => `{{${name}}}`).join(', ');
    notes.push(`${names} (a shell variable in the command): give it a value before connecting`);
  }
  return {
    draft: {
      ...emptyDraft,
      method,
      url: request.url,
      headersText,
      body,
      insecure: request.insecure,
      ...(request.proxy === null ? {} : { proxyMode: 'url', proxyUrl: request.proxy }),
    },
    notes,
  };
}
