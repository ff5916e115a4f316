import { describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../../capture/request-spec.ts';
import { fillTemplate, llmRequestTemplates, templateVariables } from './request-templates.ts';

describe('LLM request templates', () => {
  it('offers streaming requests for each API, with the key as a placeholder', () => {
    const byId = new Map(llmRequestTemplates.map((t) => [t.id, t]));
    expect([...byId.keys()]).toEqual([
      'openai-chat',
      'openai-responses',
      'anthropic-messages',
      'sse-get',
    ]);
    const chat = byId.get('openai-chat')!;
    expect(chat).toMatchObject({
      method: 'POST',
      format: 'openai-chat',
      variables: ['OPENAI_API_KEY'],
    });
    expect(chat.headers).toContainEqual(['Authorization', 'Bearer {{OPENAI_API_KEY}}']);
    expect(JSON.parse(chat.body!)).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(JSON.parse(byId.get('openai-responses')!.body!)).toMatchObject({ stream: true });
    const claude = byId.get('anthropic-messages')!;
    expect(claude.headers).toEqual(
      expect.arrayContaining([
        ['x-api-key', '{{ANTHROPIC_API_KEY}}'],
        ['anthropic-version', '2023-06-01'],
      ]),
    );
    expect(JSON.parse(claude.body!)).toMatchObject({ stream: true, max_tokens: 1024 });
    expect(byId.get('sse-get')).toMatchObject({ method: 'GET', body: null, variables: [] });
  });

  it('fills placeholders, leaving unknown ones visible, and gives valid request specs', () => {
    const chat = llmRequestTemplates[0]!;
    const filled = fillTemplate(chat, { OPENAI_API_KEY: 'sk-test' });
    expect(filled.headers).toContainEqual(['Authorization', 'Bearer sk-test']);
    expect(filled.variables).toEqual([]);
    expect(fillTemplate(chat, {}).headers).toContainEqual([
      'Authorization',
      'Bearer {{OPENAI_API_KEY}}',
    ]);
    for (const template of llmRequestTemplates) {
      const { url, method, headers, body } = fillTemplate(template, {
        OPENAI_API_KEY: 'k',
        ANTHROPIC_API_KEY: 'k',
      });
      expect(() => parseRequestSpec({ url, method, headers, body })).not.toThrow();
    }
  });

  it('lists placeholders in order without repeats', () => {
    expect(templateVariables('{{A}} {{B}}', null, '{{A}} {{ not }}')).toEqual(['A', 'B']);
  });
});
