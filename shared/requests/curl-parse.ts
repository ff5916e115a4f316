import {
  harmlessOptions,
  shortOptions,
  takesValue,
  unsupportedReasons,
  valueOptions,
  type RequestOption,
} from './curl-options.ts';
import { urlEncodedPiece, utf8Base64 } from './curl-encoding.ts';
import { commandWords } from './curl-words.ts';
import type { PasteResult, PastedRequest } from './pasted-request.ts';

interface Option {
  name: string;
  /** As typed (`-XPOST` is `-X`), for the unsupported list. */
  typed: string;
  value: string | null;
}

type Word = { kind: 'option'; option: Option } | { kind: 'url'; url: string };

/** curl's own option syntax: `-sSL`, `-XPOST`, `-H value`, `--header value` (no `=` form). */
function readOptions(words: string[]): Word[] | string {
  const result: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith('--') && word.length > 2) {
      const value = takesValue(word) ? words[++i] : null;
      if (value === undefined) return `${word} needs a value`;
      result.push({ kind: 'option', option: { name: word, typed: word, value } });
      continue;
    }
    if (!word.startsWith('-') || word === '-') {
      result.push({ kind: 'url', url: word });
      continue;
    }
    for (let j = 1; j < word.length; j++) {
      const letter = word[j]!;
      const name = shortOptions[letter] ?? `-${letter}`;
      if (!valueOptions.has(name)) {
        result.push({ kind: 'option', option: { name, typed: `-${letter}`, value: null } });
        continue;
      }
      const value = j + 1 < word.length ? word.slice(j + 1) : words[++i];
      if (value === undefined) return `-${letter} needs a value`;
      result.push({ kind: 'option', option: { name, typed: `-${letter}`, value } });
      break;
    }
  }
  return result;
}

function basicAuthorization(credentials: string): string {
  return `Basic ${utf8Base64(credentials)}`;
}

/**
 * `Name: value` → a header; `Name;` → the header with an empty value; `Name:` → none (curl
 * removes its own header of that name). Anything else is no header at all: why, for the notice.
 */
function headerFrom(line: string): [string, string] | null | { refused: string } {
  const colon = line.indexOf(':');
  if (colon === -1) {
    const name = line.trim().replace(/;$/, '');
    if (line.trim().endsWith(';') && name !== '') return [name, ''];
    return { refused: 'without a colon (not "Name: value"; curl sends nothing for it)' };
  }
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  if (name === '') return { refused: 'with an empty header name' };
  if (value === '') return null;
  return [name, value];
}

class CurlReader {
  readonly unsupported: string[] = [];
  readonly headers: Array<[string, string]> = [];
  /** Headers curl derives from an option; dropped when the command also sets one by -H. */
  readonly derived: Array<{ at: number; header: [string, string] }> = [];
  /** All -b cookies make one Cookie header, where the first -b stood. */
  private cookie: { at: number; header: [string, string] } | null = null;
  readonly data: Array<{ text: string; json: boolean }> = [];
  urls: string[] = [];
  method: string | null = null;
  head = false;
  get = false;
  json = false;
  insecure = false;
  proxy: string | null = null;

  private derive(header: [string, string]): void {
    this.derived.push({ at: this.headers.length, header });
  }

  private dataPiece(option: Option, value: string): void {
    const raw = option.name === '--data-raw';
    if (!raw && value.startsWith('@')) {
      this.unsupported.push(`${option.typed} @file (a pasted command cannot read files)`);
      return;
    }
    if (option.name === '--data-urlencode') {
      const piece = urlEncodedPiece(value);
      if (piece === null) {
        this.unsupported.push(`${option.typed} with @file (a pasted command cannot read files)`);
      } else {
        this.data.push({ text: piece, json: false });
      }
      return;
    }
    this.data.push({ text: value, json: option.name === '--json' });
  }

  read(option: Option): void {
    const name = option.name as RequestOption;
    const value = option.value ?? '';
    switch (name) {
      case '--request':
        this.method = value;
        return;
      case '--header': {
        if (value.startsWith('@')) {
          this.unsupported.push(`${option.typed} @file (a pasted command cannot read files)`);
          return;
        }
        const header = headerFrom(value);
        // Named without its text: a line without a colon may be a pasted token.
        if (Array.isArray(header)) this.headers.push(header);
        else if (header !== null) this.unsupported.push(`${option.typed} ${header.refused}`);
        return;
      }
      case '--json':
        this.json = true;
        this.dataPiece(option, value);
        return;
      case '--data':
      case '--data-ascii':
      case '--data-raw':
      case '--data-binary':
      case '--data-urlencode':
        this.dataPiece(option, value);
        return;
      case '--get':
        this.get = true;
        return;
      case '--head':
        this.head = true;
        return;
      case '--user':
        if (!value.includes(':')) {
          this.unsupported.push(`${option.typed} without a password (curl would prompt for it)`);
          return;
        }
        this.derive(['Authorization', basicAuthorization(value)]);
        return;
      case '--oauth2-bearer':
        this.derive(['Authorization', `Bearer ${value}`]);
        return;
      case '--cookie':
        if (!value.includes('=')) {
          this.unsupported.push(
            `${option.typed} with a cookie file (a pasted command cannot read files)`,
          );
          return;
        }
        if (this.cookie === null) {
          this.cookie = { at: this.headers.length, header: ['Cookie', value] };
          this.derived.push(this.cookie);
        } else {
          this.cookie.header[1] += `; ${value}`;
        }
        return;
      case '--user-agent':
        this.derive(['User-Agent', value]);
        return;
      case '--referer':
        // `;auto` asks curl to update the Referer on redirects; the value is what comes before.
        this.derive(['Referer', value.replace(/;auto$/, '')]);
        return;
      case '--insecure':
        this.insecure = true;
        return;
      case '--proxy':
        this.proxy =
          value === '' ? null : /^[a-z][\w+.-]*:\/\//i.test(value) ? value : `http://${value}`;
        if (this.proxy !== null && !/^https?:\/\//i.test(this.proxy)) {
          this.unsupported.push(
            `${option.typed} with a non-HTTP proxy (only HTTP and HTTPS proxies)`,
          );
          this.proxy = null;
        }
        return;
      case '--url':
        this.urls.push(value);
        return;
      default:
        if (harmlessOptions.has(option.name)) return;
        // Named as typed, with what it is for; never with its value (it may be a credential).
        this.unsupported.push(
          option.name in unsupportedReasons
            ? `${option.typed} (${unsupportedReasons[option.name]})`
            : option.typed,
        );
    }
  }

  /** Headers in command order, derived ones where their option was, unless -H set that name. */
  allHeaders(): Array<[string, string]> {
    const explicit = new Set(this.headers.map(([name]) => name.toLowerCase()));
    // In the order the options came; `at` only places them among the -H headers.
    const derived = this.derived;
    const result: Array<[string, string]> = [];
    let next = 0;
    for (const [index, header] of this.headers.entries()) {
      while (next < derived.length && derived[next]!.at <= index)
        result.push(derived[next++]!.header);
      result.push(header);
    }
    result.push(...derived.slice(next).map((item) => item.header));
    const kept = result.filter(
      (header) => this.headers.includes(header) || !explicit.has(header[0].toLowerCase()),
    );
    // --json's two headers come after the others, each only when not set already (as curl does).
    if (this.json) {
      if (!explicit.has('content-type')) kept.push(['Content-Type', 'application/json']);
      if (!explicit.has('accept')) kept.push(['Accept', 'application/json']);
    }
    return kept;
  }

  /** -d pieces join with `&`; --json pieces are concatenated as they are. */
  body(): string | null {
    if (this.data.length === 0) return null;
    return this.data
      .map((piece, index) => (index > 0 && !piece.json ? `&${piece.text}` : piece.text))
      .join('');
  }
}

/** curl's default scheme when none is given is http. */
function withScheme(url: string): string {
  return /^[a-z][\w+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

/** Parses a curl command line as Chrome, Firefox and API docs write it (bash or Windows cmd). */
export function parseCurlCommand(text: string): PasteResult {
  const { words, operator, openQuote } = commandWords(text.replace(/^\s*\$\s+/, ''));
  const [program, ...args] = words;
  if (program === undefined || !/^curl(\.exe)?$/i.test(program)) {
    return { ok: false, message: 'Not a curl command (it should start with "curl").' };
  }
  if (openQuote !== null) {
    return {
      ok: false,
      message: `Incomplete curl command: a ${openQuote} quote is never closed (was the command cut off when it was copied?).`,
    };
  }
  const options = readOptions(args);
  if (typeof options === 'string')
    return { ok: false, message: `Incomplete curl command: ${options}.` };
  const reader = new CurlReader();
  for (const word of options) {
    if (word.kind === 'url') reader.urls.push(word.url);
    else reader.read(word.option);
  }
  const [first, ...more] = reader.urls;
  if (first === undefined) return { ok: false, message: 'The curl command has no URL.' };
  if (more.length > 0)
    reader.unsupported.push(`${more.length} more URL(s) (only the first is used)`);
  if (operator !== null) {
    reader.unsupported.push(`shell text from "${operator}" on (only the curl command is read)`);
  }
  // curl reads `\[`, `\]`, `\{`, `\}` as the literal brackets (not a URL glob); Chrome writes them so.
  let url = withScheme(first.replace(/\\([[\]{}])/g, '$1'));
  let body = reader.body();
  if (reader.get && body !== null) {
    const hash = url.indexOf('#');
    const base = hash === -1 ? url : url.slice(0, hash);
    url = `${base}${base.includes('?') ? '&' : '?'}${body}${hash === -1 ? '' : url.slice(hash)}`;
    body = null;
  }
  const implied = reader.head ? 'HEAD' : body !== null ? 'POST' : 'GET';
  const request: PastedRequest = {
    method: reader.method ?? implied,
    url,
    headers: reader.allHeaders(),
    body,
    insecure: reader.insecure,
    proxy: reader.proxy,
    unsupported: reader.unsupported,
  };
  return { ok: true, request };
}
