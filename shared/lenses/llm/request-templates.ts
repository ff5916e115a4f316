import type { HttpMethod } from '../../capture/request-spec.ts';
import type { LlmFormat } from './types.ts';

/**
 * Ready-made requests for the streaming APIs the LLM lens decodes, as data the request bar can
 * load. `{{NAME}}` marks a value the user supplies (an API key); `fillTemplate` substitutes them.
 * Ollama's native /api/chat streams NDJSON, not SSE, so it is not here (its /v1 endpoint speaks
 * the OpenAI chat format and works with the OpenAI template and another URL).
 */
export interface LlmRequestTemplate {
  id: string;
  name: string;
  description: string;
  /** The lens format the response will be in (null: not an LLM stream). */
  format: LlmFormat | null;
  method: HttpMethod;
  url: string;
  headers: Array<[string, string]>;
  /** Request body (pretty-printed JSON), or null for none. */
  body: string | null;
  /** The `{{NAME}}` placeholders used, in order of first use. */
  variables: string[];
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** Both OpenAI APIs take the same headers (the key from the {{OPENAI_API_KEY}} variable). */
const openAiHeaders: Array<[string, string]> = [
  ['Content-Type', 'application/json'],
  ['Accept', 'text/event-stream'],
  ['Authorization', 'Bearer {{OPENAI_API_KEY}}'],
];

const templates: Array<Omit<LlmRequestTemplate, 'variables'>> = [
  {
    id: 'openai-chat',
    name: 'OpenAI chat completions',
    description:
      'POST /v1/chat/completions with stream and usage in the last chunk; ends with [DONE].',
    format: 'openai-chat',
    method: 'POST',
    url: 'https://api.openai.com/v1/chat/completions',
    headers: openAiHeaders,
    body: json({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Explain Server-Sent Events in two sentences.' }],
    }),
  },
  {
    id: 'openai-responses',
    name: 'OpenAI Responses',
    description: 'POST /v1/responses with stream: typed events, ends with response.completed.',
    format: 'openai-responses',
    method: 'POST',
    url: 'https://api.openai.com/v1/responses',
    headers: openAiHeaders,
    body: json({
      model: 'gpt-4o-mini',
      stream: true,
      input: 'Explain Server-Sent Events in two sentences.',
    }),
  },
  {
    id: 'anthropic-messages',
    name: 'Anthropic messages',
    description:
      'POST /v1/messages with stream: message_start … content_block_delta … message_stop.',
    format: 'anthropic',
    method: 'POST',
    url: 'https://api.anthropic.com/v1/messages',
    headers: [
      ['Content-Type', 'application/json'],
      ['Accept', 'text/event-stream'],
      ['x-api-key', '{{ANTHROPIC_API_KEY}}'],
      ['anthropic-version', '2023-06-01'],
    ],
    body: json({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      stream: true,
      messages: [{ role: 'user', content: 'Explain Server-Sent Events in two sentences.' }],
    }),
  },
  {
    id: 'sse-get',
    name: 'Plain SSE (GET)',
    description: 'An EventSource-style GET; replace the URL with your stream.',
    format: null,
    method: 'GET',
    url: 'https://stream.wikimedia.org/v2/stream/recentchange',
    headers: [
      ['Accept', 'text/event-stream'],
      ['Cache-Control', 'no-cache'],
    ],
    body: null,
  },
];

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** The `{{NAME}}` placeholders in a text, in order of first use, without repeats. */
export function templateVariables(...texts: Array<string | null>): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    if (text === null) continue;
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  }
  return [...names];
}

export const llmRequestTemplates: readonly LlmRequestTemplate[] = templates.map((template) => ({
  ...template,
  variables: templateVariables(
    template.url,
    ...template.headers.map(([, value]) => value),
    template.body,
  ),
}));

/** Substitutes known placeholders; unknown ones stay as written so the user sees what is missing. */
export function fillTemplate(
  template: LlmRequestTemplate,
  values: Readonly<Record<string, string>>,
): LlmRequestTemplate {
  const fill = (text: string): string =>
    text.replace(PLACEHOLDER, (whole, name: string) =>
      Object.hasOwn(values, name) ? (values[name] as string) : whole,
    );
  return {
    ...template,
    url: fill(template.url),
    headers: template.headers.map(([name, value]) => [name, fill(value)]),
    body: template.body === null ? null : fill(template.body),
    variables: template.variables.filter((name) => !Object.hasOwn(values, name)),
  };
}
