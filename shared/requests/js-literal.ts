/**
 * Reads the JavaScript literals a fetch snippet is made of, without evaluating anything:
 * strings ('…', "…", `…` without `${`), numbers, true/false/null/undefined, arrays, objects
 * with quoted or bare keys and trailing commas, comments, and `JSON.stringify(<literal>)` (how
 * hand-written snippets give a JSON body). DevTools writes plain JSON; docs write JavaScript.
 */
export type JsValue = string | number | boolean | null | undefined | JsValue[] | JsObject;
export interface JsObject {
  /** Keys in source order (a Map keeps `headers` in the order they were written). */
  entries: Map<string, JsValue>;
}

export class JsLiteralError extends Error {
  override readonly name = 'JsLiteralError';
}

const escapes: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

export class JsLiteralReader {
  position = 0;
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** Says where, not what: the text may hold a credential, and messages reach stderr. */
  fail(expected: string): never {
    const before = this.text.slice(0, this.position).split('\n');
    const where = `line ${before.length}, column ${before.at(-1)!.length + 1}`;
    throw new JsLiteralError(`expected ${expected} at ${where}`);
  }

  skipSpace(): void {
    for (;;) {
      const match = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(this.text.slice(this.position));
      if (!match) return;
      this.position += match[0].length;
    }
  }

  /** Consumes `token` (after whitespace) if it is next. */
  eat(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }

  expect(token: string): void {
    if (!this.eat(token)) this.fail(`"${token}"`);
  }

  string(): string {
    this.skipSpace();
    const quote = this.text[this.position];
    if (quote !== '"' && quote !== "'" && quote !== '`') this.fail('a string');
    let out = '';
    for (let i = this.position + 1; i < this.text.length; i++) {
      const c = this.text[i]!;
      if (c === quote) {
        this.position = i + 1;
        return out;
      }
      if (quote === '`' && c === '$' && this.text[i + 1] === '{') {
        this.position = i;
        this.fail('a template literal without ${…}');
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = this.text[++i] ?? '';
      if (next === 'u') {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.text.slice(i + 1));
        const hex = braced ? braced[1]! : this.text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]+$/.test(hex)) this.fail('a \\u escape');
        out += braced
          ? String.fromCodePoint(parseInt(hex, 16))
          : String.fromCharCode(parseInt(hex, 16));
        i += braced ? braced[0].length : 4;
      } else if (next === 'x') {
        out += String.fromCharCode(parseInt(this.text.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (next === '\n') {
        continue; // a line continuation inside a string
      } else {
        out += escapes[next] ?? next;
      }
    }
    return this.fail(`the closing ${quote}`);
  }

  value(): JsValue {
    this.skipSpace();
    const c = this.text[this.position];
    if (c === '"' || c === "'" || c === '`') return this.string();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    const word = /^(?:JSON\.stringify\s*\(|-?\d[\d.eE+-]*|true|false|null|undefined)/.exec(
      this.text.slice(this.position),
    );
    if (!word) return this.fail('a value (only literals are read, nothing is run)');
    this.position += word[0].length;
    if (word[0].startsWith('JSON.stringify')) {
      const inner = this.value();
      this.expect(')');
      return JSON.stringify(toPlain(inner));
    }
    if (word[0] === 'true') return true;
    if (word[0] === 'false') return false;
    if (word[0] === 'null') return null;
    if (word[0] === 'undefined') return undefined;
    const number = Number(word[0]);
    if (!Number.isFinite(number)) this.fail('a number');
    return number;
  }

  private array(): JsValue[] {
    this.expect('[');
    const items: JsValue[] = [];
    while (!this.eat(']')) {
      items.push(this.value());
      if (!this.eat(',')) {
        this.expect(']');
        break;
      }
    }
    return items;
  }

  private object(): JsObject {
    this.expect('{');
    const entries = new Map<string, JsValue>();
    while (!this.eat('}')) {
      this.skipSpace();
      const bare = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.position));
      let key: string;
      if (bare) {
        key = bare[0];
        this.position += key.length;
      } else {
        key = this.string();
      }
      this.expect(':');
      entries.set(key, this.value());
      if (!this.eat(',')) {
        this.expect('}');
        break;
      }
    }
    return { entries };
  }
}

/** The value as JSON.stringify would see it (objects as plain objects, in order). */
export function toPlain(value: JsValue): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries([...value.entries].map(([key, item]) => [key, toPlain(item)]));
  }
  return value;
}

export function isJsObject(value: JsValue): value is JsObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
