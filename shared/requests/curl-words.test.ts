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

  it('stops at a shell operator and names it', () => {
    expect(commandWords('curl -N https://x > out.txt')).toEqual({
      words: ['curl', '-N', 'https://x'],
      operator: '>',
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
