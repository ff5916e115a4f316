import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCurlCommand } from '../capture/curl-command.ts';
import { parseCurlCommand } from './curl-parse.ts';
import type { PastedRequest } from './pasted-request.ts';

/** Single quotes, as toCurlCommand writes them. */
const toShellWord = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

function curl(text: string): PastedRequest {
  const result = parseCurlCommand(text);
  if (!result.ok) throw new Error(result.message);
  return result.request;
}

describe('method, as curl picks it', () => {
  it.each([
    ['curl https://x/', 'GET'],
    ['curl -d a=1 https://x/', 'POST'],
    ["curl --data-raw '' https://x/", 'POST'],
    ['curl -X PUT -d a https://x/', 'PUT'],
    ['curl -XDELETE https://x/', 'DELETE'],
    ['curl --request PATCH https://x/', 'PATCH'],
    ['curl -G -d a=1 https://x/', 'GET'],
    ['curl -I https://x/', 'HEAD'],
    ['curl --json {} https://x/', 'POST'],
  ])('%s → %s', (command, method) => {
    expect(curl(command).method).toBe(method);
  });
});

describe('URL', () => {
  it('is the word that is not an option, wherever it stands, or --url', () => {
    expect(curl('curl -s https://x/a -H "A: b"').url).toBe('https://x/a');
    expect(curl('curl --url https://x/b -s').url).toBe('https://x/b');
  });

  it('gets http:// when it has no scheme, as curl assumes', () => {
    expect(curl('curl localhost:8080/events').url).toBe('http://localhost:8080/events');
  });

  it('reads \\[ \\] \\{ \\} as brackets (how Chrome keeps curl from globbing)', () => {
    expect(curl("curl 'https://x/a?f=\\[1\\]&g=\\{2\\}'").url).toBe('https://x/a?f=[1]&g={2}');
  });

  it('uses the first of several URLs and says so', () => {
    const request = curl('curl https://x/1 https://x/2');
    expect(request.url).toBe('https://x/1');
    expect(request.unsupported).toEqual(['1 more URL(s) (only the first is used)']);
  });
});

describe('headers', () => {
  it('keeps -H and --header in order and case, duplicates included', () => {
    expect(curl("curl -H 'B: 1' --header 'a: 2' -H 'B: 3' https://x/").headers).toEqual([
      ['B', '1'],
      ['a', '2'],
      ['B', '3'],
    ]);
  });

  it('reads "Name;" as an empty header and drops "Name:" (curl removes its own)', () => {
    expect(curl("curl -H 'X-Empty;' -H 'Accept:' https://x/").headers).toEqual([['X-Empty', '']]);
  });

  it('names a -H that is no header (no colon, no name) instead of dropping it quietly', () => {
    const request = curl("curl -H 'sk-pasted-token' -H ': orphan value' -H 'A: 1' https://x/");
    expect(request.headers).toEqual([['A', '1']]);
    expect(request.unsupported).toEqual([
      '-H without a colon (not "Name: value"; curl sends nothing for it)',
      '-H with an empty header name',
    ]);
    expect(request.unsupported.join(' ')).not.toContain('sk-pasted-token');
  });

  it('turns -u, -b, -A, -e and --oauth2-bearer into headers where they stand', () => {
    const request = curl(
      "curl -H 'X-First: 1' -u 'ada:s3cr:et' -b 'a=1' -A 'agent/1' -b 'b=2' -e 'https://r/;auto' --oauth2-bearer tok https://x/",
    );
    expect(request.headers).toEqual([
      ['X-First', '1'],
      ['Authorization', `Basic ${btoa('ada:s3cr:et')}`],
      ['Cookie', 'a=1; b=2'],
      ['User-Agent', 'agent/1'],
      ['Referer', 'https://r/'],
      ['Authorization', 'Bearer tok'],
    ]);
  });

  it('encodes -u credentials as UTF-8 before Base64', () => {
    expect(curl('curl -u zoë:pässword https://x/').headers).toEqual([
      ['Authorization', 'Basic em/Dqzpww6Rzc3dvcmQ='],
    ]);
  });

  it('Base64-encodes any -u text exactly as Node does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (password) => {
        const [, value] = curl(`curl -u ${toShellWord(`user:${password}`)} https://x/`).headers[0]!;
        expect(value).toBe(`Basic ${Buffer.from(`user:${password}`).toString('base64')}`);
      }),
    );
  });

  it('lets an explicit -H win over the header an option would make', () => {
    expect(curl("curl -A curl/8 -H 'User-Agent: mine' https://x/").headers).toEqual([
      ['User-Agent', 'mine'],
    ]);
  });

  it('--json adds Content-Type and Accept after the others, unless given', () => {
    expect(curl("curl --json '{\"a\":1}' -H 'X: 1' https://x/")).toMatchObject({
      headers: [
        ['X', '1'],
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json'],
      ],
      body: '{"a":1}',
    });
    expect(curl("curl --json '{}' -H 'accept: text/event-stream' https://x/").headers).toEqual([
      ['accept', 'text/event-stream'],
      ['Content-Type', 'application/json'],
    ]);
  });
});

describe('body', () => {
  it('joins several -d with &, concatenates --json pieces', () => {
    expect(curl('curl -d a=1 --data b=2 --data-raw c=3 https://x/').body).toBe('a=1&b=2&c=3');
    expect(curl("curl --json '{\"a\":' --json '1}' https://x/").body).toBe('{"a":1}');
  });

  it('encodes --data-urlencode as curl does: content, =content, name=content', () => {
    expect(
      curl(
        "curl --data-urlencode 'a b&c' --data-urlencode '=x=y' --data-urlencode 'q=é ok!' https://x/",
      ).body,
    ).toBe('a%20b%26c&x%3Dy&q=%C3%A9%20ok%21');
  });

  it('moves the data into the query with -G', () => {
    expect(curl('curl -G -d a=1 --data-urlencode "q=a b" https://x/s?z=0#top')).toMatchObject({
      url: 'https://x/s?z=0&a=1&q=a%20b#top',
      body: null,
    });
  });

  it('reports data from files as unsupported, keeps --data-raw @ as text', () => {
    const request = curl(
      'curl -d @body.json --data-binary @x --data-urlencode name@file --data-raw @at https://x/',
    );
    expect(request.body).toBe('@at');
    expect(request.unsupported).toEqual([
      '-d @file (a pasted command cannot read files)',
      '--data-binary @file (a pasted command cannot read files)',
      '--data-urlencode with @file (a pasted command cannot read files)',
    ]);
  });
});

describe('options', () => {
  it('-k, --proxy (http:// added when missing)', () => {
    expect(curl('curl -k -x proxy.local:3128 https://x/')).toMatchObject({
      insecure: true,
      proxy: 'http://proxy.local:3128',
    });
    expect(curl('curl --insecure --proxy https://p:1 https://x/')).toMatchObject({
      insecure: true,
      proxy: 'https://p:1',
    });
  });

  it('reports a SOCKS proxy instead of using it', () => {
    expect(curl('curl --proxy socks5://p:1080 https://x/')).toMatchObject({
      proxy: null,
      unsupported: ['--proxy with a non-HTTP proxy (only HTTP and HTTPS proxies)'],
    });
  });

  it('accepts what we do anyway: --compressed -N -s -S -i -L -v -g, in clusters too', () => {
    expect(curl('curl -sSLNi --compressed -v -g https://x/').unsupported).toEqual([]);
  });

  it('lists the options we do not do, without their values', () => {
    const request = curl(
      'curl -F file=@a.txt -o out.txt --max-time 5 --http2 -u onlyuser -b cookies.txt --connect-timeout 3 --tcp-nodelay https://x/',
    );
    expect(request.url).toBe('https://x/');
    expect(request.unsupported).toEqual([
      '-F (multipart form data)',
      '-o (saving to a file)',
      '--max-time (a limit on the whole transfer; there is an idle timeout under Options)',
      '--http2 (choosing the HTTP version)',
      '-u without a password (curl would prompt for it)',
      '-b with a cookie file (a pasted command cannot read files)',
      '--connect-timeout (set the connect timeout under Options)',
      '--tcp-nodelay',
    ]);
  });

  it("never takes the value of an option it does not do for the URL (curl's whole list)", () => {
    const request = curl(
      'curl --proto =https --max-filesize 1000 --expand-header "A: {{x}}" --hsts h.txt https://x/a',
    );
    expect(request.url).toBe('https://x/a');
    expect(request.unsupported).toEqual(['--proto', '--max-filesize', '--expand-header', '--hsts']);
  });

  it('takes a short option value glued on or from the next word', () => {
    expect(curl("curl -HX-A:1 -H 'X-B: 2' -dx=1 https://x/")).toMatchObject({
      headers: [
        ['X-A', '1'],
        ['X-B', '2'],
      ],
      body: 'x=1',
    });
  });

  it('names shell text after the command (a pipe) rather than dropping it quietly', () => {
    expect(curl('curl -N https://x/ | jq .').unsupported).toEqual([
      'shell text from "|" on (only the curl command is read)',
    ]);
  });
});

describe('a command cut off while it was copied', () => {
  it.each([
    ["curl https://x/ -H 'Authorization: Bearer sk-abc", "'"],
    ['curl https://x/ -d "{\\"a\\": 1', '"'],
    ["curl https://x/ --data-raw $'{\\'a", "$'"],
    ["curl https://x/ -H 'A: 1' | jq '.b", "'"],
    ['curl ^"https://x/^" ^\n  -H "A: 1', '"'],
  ])('refuses %s, naming the open %s quote', (command, quote) => {
    const result = parseCurlCommand(command);
    expect(result).toEqual({
      ok: false,
      message: `Incomplete curl command: a ${quote} quote is never closed (was the command cut off when it was copied?).`,
    });
  });

  it('does not count quotes in a comment, in another quote or after a backslash', () => {
    expect(curl("curl https://x/ -d \"it's\" -H $'B: \\'x' # it's fine").url).toBe('https://x/');
    expect(curl("curl https://x/ -d it\\'s").body).toBe("it's");
  });
});

describe('round trip with Copy as curl', () => {
  const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
  const headerValue = fc
    .string({ minLength: 1, maxLength: 30 })
    .filter((value) => !/[\r\n\0]/.test(value) && value.trim() === value && value !== '');
  const spec = fc.record({
    url: fc.constantFrom('https://example.com/events', 'http://127.0.0.1:8080/a?b=c&d=%20'),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE' as const),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }),
    body: fc.option(fc.string({ minLength: 1, maxLength: 60 }), { nil: null }),
    insecure: fc.boolean(),
    proxy: fc.option(fc.constant('http://proxy.local:3128/'), { nil: null }),
  });

  it('parses toCurlCommand output back to the same request', () => {
    fc.assert(
      fc.property(spec, (input) => {
        const command = toCurlCommand({
          url: input.url,
          method: input.method,
          headers: input.headers,
          body: input.body,
          tls: { insecure: input.insecure },
          proxy: input.proxy === null ? { mode: 'env' } : { mode: 'url', url: input.proxy },
          connectTimeoutMs: undefined,
        });
        const request = curl(command.replace(/ --connect-timeout \S+/, ''));
        expect(request.url).toBe(input.url);
        expect(request.method).toBe(input.method !== 'GET' || input.body ? input.method : 'GET');
        expect(request.body).toBe(input.body);
        expect(request.insecure).toBe(input.insecure);
        expect(request.proxy).toBe(input.proxy);
        // toCurlCommand adds the EventSource headers the user did not set; ours follow in order.
        const names = new Set(input.headers.map(([name]) => name.toLowerCase()));
        const added = request.headers.filter(
          ([name]) =>
            !names.has(name.toLowerCase()) &&
            ['accept', 'cache-control'].includes(name.toLowerCase()),
        );
        expect(request.headers.slice(added.length)).toEqual(
          input.headers.filter(([, value]) => value !== ''),
        );
        expect(request.unsupported).toEqual([]);
      }),
    );
  });
});
