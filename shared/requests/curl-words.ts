import { parse as parseShellWords } from 'shell-quote';
import { variableNameSchema } from './variables.ts';

/**
 * Splitting a pasted curl command line into the words curl would receive, for the two shells
 * browsers write "Copy as cURL" for.
 *
 * bash: `shell-quote` (maintained, tiny, no dependencies, runs in the renderer) handles single
 * and double quotes, backslash escapes and `$'…'` ANSI-C quoting (`\n`, `\xHH`, `\uHHHH`,
 * `\'`, …), which is what Chrome and Firefox write for bodies with quotes or control characters.
 * Two things it gets wrong for our input are fixed around it: a `\`-newline line continuation
 * becomes an empty word (so continuations are marked before and dropped after), and `$NAME`
 * expansion is ours to choose: an unset variable becomes `{{NAME}}`, the one variable syntax of
 * requests (shared/requests/variables.ts), so the user, an environment or `capture --curl`
 * (from the process environment) fills it in.
 *
 * Windows cmd: no maintained package implements cmd.exe's caret escapes followed by the
 * Microsoft C runtime's argument splitting (the two passes a `curl ^"…^"` line goes through),
 * so `cmdWords` does, in those two small passes.
 */

export interface CommandWords {
  words: string[];
  /**
   * The shell operator the command ended at (`|` in `| jq .`, `>`, `&&`): what follows is not
   * part of the request (and is not kept: it may be another command with its own secrets).
   */
  operator: string | null;
  /**
   * The quote still open at the end of the text (`'`, `"` or `$'`), null when every quote is
   * closed: a command cut off while copying, whose last word would otherwise be read as complete.
   */
  openQuote: string | null;
}

/**
 * Two private-use characters the text does not hold, to stand while shell-quote runs for a
 * `\`-newline continuation and for a `#` inside a word (`https://x/#top`: bash starts a comment
 * only at a word's start, shell-quote at any unquoted `#`).
 */
function markers(text: string): { continuation: string; hash: string } {
  const free: string[] = [];
  for (let code = 0xe000; free.length < 2; code++) {
    const candidate = String.fromCharCode(code);
    if (!text.includes(candidate)) free.push(candidate);
  }
  return { continuation: free[0]!, hash: free[1]! };
}

function variableReference(name: string): string {
  return variableNameSchema.safeParse(name).success ? `{{${name}}}` : `$${name}`;
}

/** Characters after which an unquoted `#` starts a comment (a word starts there). */
const wordBreak = /[\s;&|()<>]/;

/** The end of a quoted run starting after `from` (`\\` escapes when `escapes`), or -1. */
function closingQuote(text: string, from: number, quote: string, escapes: boolean): number {
  for (let i = from; i < text.length; i++) {
    if (escapes && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/**
 * The quote a bash command line leaves open, if any. shell-quote reads an unclosed quote to the
 * end of the text without a word of it, so this small scan of bash's quoting (backslash, `'…'`,
 * `$'…'`, `"…"`, comments) is what notices a command cut off in the middle of a value.
 */
function openBashQuote(text: string): string | null {
  let wordStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' && wordStart) {
      const lineEnd = text.indexOf('\n', i);
      if (lineEnd === -1) return null;
      i = lineEnd;
      continue;
    }
    wordStart = wordBreak.test(c);
    if (c === '\\') {
      i++;
    } else if (c === "'" || c === '"') {
      i = closingQuote(text, i + 1, c, c === '"');
      if (i === -1) return c;
    } else if (c === '$' && text[i + 1] === "'") {
      i = closingQuote(text, i + 2, "'", true);
      if (i === -1) return "$'";
    }
  }
  return null;
}

/** The words of a bash command line (already in LF line endings). */
export function bashWords(text: string): CommandWords {
  const { continuation, hash } = markers(text);
  const marked = text.replace(/\\\n/g, continuation).replace(/(?<=\S)#/g, hash);
  const unmark = (word: string): string => word.replaceAll(hash, '#');
  const words: string[] = [];
  // Over the whole text: inside an unclosed quote shell-quote may see an operator that is not one.
  const openQuote = openBashQuote(text);
  const entries = parseShellWords(marked, variableReference);
  for (const entry of entries) {
    if (typeof entry === 'string') {
      // A continuation only ever joins words: at a word's edge it is dropped; inside a quoted
      // word (where bash keeps it) it is put back as written.
      let [start, end] = [0, entry.length];
      while (entry[start] === continuation) start++;
      while (end > start && entry[end - 1] === continuation) end--;
      const trimmed = entry.slice(start, end);
      if (trimmed === '' && entry !== '') continue;
      words.push(unmark(trimmed.replaceAll(continuation, '\\\n')));
    } else if ('comment' in entry) {
      continue;
    } else if (entry.op === 'glob') {
      // Unquoted `*` or `?` in a URL: curl gets the text as typed (there is no file to match).
      words.push(unmark((entry as { pattern: string }).pattern.replaceAll(continuation, '')));
    } else {
      return { words, operator: entry.op, openQuote };
    }
  }
  return { words, operator: null, openQuote };
}

/** cmd.exe's pass: `^x` is x (outside cmd's own quotes); `^` before a line break joins lines. */
function cmdUnescape(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '^' && !quoted && i + 1 < text.length) {
      i++;
      // `^` + newline: the newline goes and the character after it is taken as it is, which
      // is how Chrome writes a newline inside a value (`^` + two newlines).
      if (text[i] === '\n' && i + 1 < text.length) i++;
      else if (text[i] === '\n') continue;
      out += text[i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    out += c;
  }
  return out;
}

/**
 * The Microsoft C runtime's argument splitting: whitespace separates words outside quotes, `"`
 * opens and closes quoting, `""` inside quotes is one quote, 2n backslashes before a quote are
 * n backslashes (and the quote quotes), 2n+1 are n backslashes and a literal quote.
 * `doubledBackslashes`: the DevTools form doubles every backslash, also those the runtime keeps
 * as they are (Chromium bug 1242803: curl.exe would receive both); we read what was meant.
 */
function crtWords(line: string, doubledBackslashes: boolean): { words: string[]; quoted: boolean } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      let end = i;
      while (line[end] === '\\') end++;
      const count = end - i;
      if (line[end] === '"') {
        word += '\\'.repeat(count >> 1);
        if (count % 2 === 1) {
          word += '"';
          i = end;
        } else {
          i = end - 1;
        }
      } else {
        word += '\\'.repeat(doubledBackslashes ? (count >> 1) + (count % 2) : count);
        i = end - 1;
      }
      inWord = true;
    } else if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        word += '"';
        i++;
      } else {
        quoted = !quoted;
      }
      inWord = true;
    } else if (!quoted && /\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { words, quoted };
}

/** The words of a Windows cmd command line (already in LF line endings). */
export function cmdWords(text: string): CommandWords {
  const devtools = /^\s*curl(?:\.exe)?\s+\^"/i.test(text);
  const { words, quoted } = crtWords(cmdUnescape(text), devtools);
  return { words, operator: null, openQuote: quoted ? '"' : null };
}

/** Chrome and Firefox write cmd lines with `^"` quoting and ` ^` continuations. */
export function isCmdSyntax(text: string): boolean {
  return /^\s*curl(?:\.exe)?\s+\^"/i.test(text) || /\s\^\n/.test(text);
}

/** The words of a pasted command line, in whichever of the two syntaxes it is written. */
export function commandWords(text: string): CommandWords {
  const normalized = text.replace(/\r\n?/g, '\n');
  return isCmdSyntax(normalized) ? cmdWords(normalized) : bashWords(normalized);
}
