import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandWords, isCmdSyntax } from './curl-words.ts';

const words = (text: string) => commandWords(text).words;

describe('bash words', () => {
  it('drops \\-newline continuations, LF or CRLF, with or without a space before them', () => {
    expect(words("curl 'https://x' \\\n  -H 'A: 1'\\\r\n  -k")).toEqual([
      'curl',
      'https://x',
      '-H',
      'A: 1',
      '-k',
    ]);
  });

  it('keeps an empty quoted word and a backslash-newline inside single quotes', () => {
    expect(words("curl -d '' -d 'a\\\nb' x")).toEqual(['curl', '-d', '', '-d', 'a\\\nb', 'x']);
  });

  it("decodes $'…' as bash does: \\' \\\\ \\n \\r \\t \\xHH \\uHHHH and surrogate pairs", () => {
    expect(words("curl -d $'it\\'s \\\\ \\n\\r\\t \\x41 \\u00e9 \\ud83d\\ude00 \\u0021'")).toEqual([
      'curl',
      '-d',
      "it's \\ \n\r\t A é 😀 !",
    ]);
  });

  it('reads double quotes with their escapes, and $NAME outside single quotes as {{NAME}}', () => {
    expect(words(`curl -H "A: \\"q\\" $KEY \${OTHER}" -H 'B: $KEY' -d "$1 $"`)).toEqual([
      'curl',
      '-H',
      'A: "q" {{KEY}} {{OTHER}}',
      '-H',
      'B: $KEY',
      '-d',
      '$1 $',
    ]);
  });

  it('keeps # inside a word, drops a comment', () => {
    expect(words('curl https://x/#top # the docs page')).toEqual(['curl', 'https://x/#top']);
  });

  it('keeps unquoted * and ? as text', () => {
    expect(words('curl https://x/a?b=*')).toEqual(['curl', 'https://x/a?b=*']);
  });

  it('is not confused by text that holds the private-use characters it marks with', () => {
    expect(words("curl 'https://x/#\uE000' \\\n -d '\uE001 #'")).toEqual([
      'curl',
      'https://x/#\uE000',
      '-d',
      '\uE001 #',
    ]);
  });

  it('stops at a shell operator and names it', () => {
    expect(commandWords('curl -N https://x > out.txt')).toEqual({
      words: ['curl', '-N', 'https://x'],
      operator: '>',
      openQuote: null,
    });
  });
});

describe('cmd words', () => {
  it('is chosen for ^" quoting or ^ continuations only', () => {
    expect(isCmdSyntax('curl ^"https://x^"')).toBe(true);
    expect(isCmdSyntax('curl "https://x" ^\n  -k')).toBe(true);
    expect(isCmdSyntax("curl 'https://x' -d '^\"'")).toBe(false);
  });

  it('undoes the DevTools escapes: ^x, ^\\^" quotes, %^ before a name, ^ + two newlines', () => {
    expect(
      words(
        'curl ^"https://x/?a=1^&b=100^%^25^" ^\r\n  --data-raw ^"^{^\\^"k^\\^":^\\^"v ^%^PATH^%^\\^"^}^\n\nline 2^"',
      ),
    ).toEqual(['curl', 'https://x/?a=1&b=100%25', '--data-raw', '{"k":"v %PATH%"}\nline 2']);
  });

  it('reads a DevTools backslash (doubled) as one', () => {
    expect(words('curl ^"https://x^" --data-raw ^"a^\\^\\b^\\^\\^\\^"c^"')).toEqual([
      'curl',
      'https://x',
      '--data-raw',
      'a\\b\\"c',
    ]);
  });

  it('reads hand-written cmd lines by the C runtime rules: "" and \\" inside quotes', () => {
    expect(words('curl "https://x" ^\n  -d "{\\"a\\":\\"b\\\\c\\"}" -H "Q: say ""hi"""')).toEqual([
      'curl',
      'https://x',
      '-d',
      '{"a":"b\\\\c"}',
      '-H',
      'Q: say "hi"',
    ]);
  });
});

// Replicas of the DevTools escapers (Chrome's; Firefox's differ only in using \xHH below 256),
// with their control-character classes as DevTools writes them.
/* eslint-disable no-control-regex */
function devtoolsPosix(text: string): string {
  if (!/[\0-\x1F\x7F-\x9F!]|'/.test(text)) return `'${text}'`;
  const unicode = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/[\0-\x1F\x7F-\x9F!]/g, unicode);
  return `$'${escaped}'`;
}
/* eslint-enable no-control-regex */

function devtoolsCmd(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[^a-zA-Z0-9\s_\-:=+~'/.,?;()*`]/g, '^$&')
    .replace(/%(?=[a-zA-Z0-9_])/g, '%^')
    .replace(/\r?\n/g, '^\n\n');
  return `^"${escaped}^"`;
}

describe('any value DevTools writes reads back as it was', () => {
  // Bash cannot pass NUL in an argument, and cmd turns CRLF into LF; both are left out.
  const value = fc.string({ unit: 'binary', maxLength: 40 }).filter((t) => !/[\0\r]/.test(t));

  it('bash', () => {
    fc.assert(
      fc.property(value, (text) => {
        const command = commandWords(`curl 'https://x' \\\n  --data-raw ${devtoolsPosix(text)}`);
        expect(command.words).toEqual(['curl', 'https://x', '--data-raw', text]);
        expect(command.openQuote).toBeNull();
      }),
    );
  });

  it('cmd', () => {
    fc.assert(
      fc.property(value, (text) => {
        const command = commandWords(`curl ^"https://x^" ^\n  --data-raw ${devtoolsCmd(text)}`);
        expect(command.words).toEqual(['curl', 'https://x', '--data-raw', text]);
        expect(command.openQuote).toBeNull();
      }),
    );
  });
});
