import { describe, expect, it } from 'vitest';
import {
  layeredLookup,
  parseVariableAssignment,
  resolveRequestTemplate,
  resolveVariables,
  variablesIn,
} from './variables.ts';

const vars = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('{{variable}} templates', () => {
  it('lists the names a text references, once each, in order', () => {
    expect(variablesIn('{{base}}/v1/{{ model }}?k={{base}}')).toEqual(['base', 'model']);
  });

  it('leaves text that only looks like a template alone', () => {
    expect(variablesIn('{{}} {{ }} {{1x}} {single}')).toEqual([]);
  });

  it('replaces defined names and reports the rest, keeping their braces', () => {
    const lookup = layeredLookup(vars({ base: 'https://api.example' }));
    expect(resolveVariables('{{base}}/{{path}}', lookup)).toEqual({
      text: 'https://api.example/{{path}}',
      missing: ['path'],
    });
  });

  it('does not expand a value that itself contains braces', () => {
    const lookup = layeredLookup(vars({ a: '{{b}}', b: 'no' }));
    expect(resolveVariables('{{a}}', lookup).text).toBe('{{b}}');
  });

  it('takes a name from the first layer that defines it', () => {
    const lookup = layeredLookup(vars({ key: 'cli' }), vars({ key: 'env', other: 'env' }));
    expect(resolveVariables('{{key}} {{other}}', lookup).text).toBe('cli env');
  });

  it('resolves URL, header names and values and body, and collects every missing name', () => {
    const template = {
      url: '{{base}}/chat',
      headers: [['Authorization', 'Bearer {{apiKey}}']] as const,
      body: '{"model":"{{model}}"}',
    };
    const result = resolveRequestTemplate(template, layeredLookup(vars({ base: 'http://h' })));
    expect(result.request.url).toBe('http://h/chat');
    expect(result.missing).toEqual(['apiKey', 'model']);
  });

  it('reads NAME=VALUE with = and empty values, and refuses anything else', () => {
    expect(parseVariableAssignment('q=a=b')).toEqual({ name: 'q', value: 'a=b' });
    expect(parseVariableAssignment('empty=')).toEqual({ name: 'empty', value: '' });
    expect(() => parseVariableAssignment('novalue')).toThrow(/NAME=VALUE/);
    expect(() => parseVariableAssignment('1x=2')).toThrow(/NAME=VALUE/);
  });
});
