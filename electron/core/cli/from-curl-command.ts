import { readFile } from 'node:fs/promises';
import { parsePastedRequest, type PastedRequest } from '../../../shared/requests/pasted-request.ts';
import { defineCommand } from './cli-command.ts';
import { describeReadError, type CliIo } from './cli-io.ts';
import { noArguments, parseOptions, type OptionKind } from './options.ts';

const fromCurlUsage = `Usage: npm run --silent cli -- from-curl [FILE|-]

Reads one curl command (bash or Windows cmd, as DevTools "Copy as cURL" and API docs write it)
or fetch snippet ("Copy as fetch") from FILE or standard input, and prints the request as one
JSON object:
  {"method":"POST","url":"…","headers":[["Name","value"],…],"body":"…"|null,
   "insecure":false,"proxy":null,"unsupported":[]}
Headers are in command order; -u, -b, -A, -e and --json add theirs as curl does. A shell
variable ($OPENAI_API_KEY) is printed as {{OPENAI_API_KEY}}. "unsupported" names what the
command asks for that a capture would not do.
Exit code: 0; 2 when the text is not a curl command or fetch snippet, or FILE cannot be read.
`;

const optionSpec: Record<string, OptionKind> = { '-h': 'flag', '--help': 'flag' };

/** The text of FILE, or of standard input for "-" (or no file). */
export async function readInputText(file: string | null, io: CliIo): Promise<string> {
  if (file !== null && file !== '-') return readFile(file, 'utf8');
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  }
  return text;
}

/** The printed shape, keys always in this order. */
export function pastedRequestJson(request: PastedRequest): string {
  const { method, url, headers, body, insecure, proxy, unsupported } = request;
  return JSON.stringify({ method, url, headers, body, insecure, proxy, unsupported });
}

/**
 * `from-curl [FILE|-]`: a pasted request as JSON, for scripts and for checking what the request
 * bar would take from a paste. The output is the user's own request, credentials included (it
 * goes to stdout only, as they asked); error lines never quote the input.
 */
export const runFromCurlCommand = defineCommand({
  name: 'from-curl',
  usage: fromCurlUsage,
  usageNote: 'see from-curl --help',
  parse(args: string[]): { file: string | null } {
    const options = parseOptions(args, optionSpec);
    const [file = null, ...rest] = options.positional;
    noArguments({ ...options, positional: rest });
    return { file };
  },
  async run({ file }, io, fail) {
    let text: string;
    try {
      text = await readInputText(file, io);
    } catch (error) {
      return fail(`cannot read '${file}': ${describeReadError(error)}`, 2);
    }
    const result = parsePastedRequest(text);
    if (!result.ok) return fail(result.message, 2);
    io.stdout.write(`${pastedRequestJson(result.request)}\n`);
    return 0;
  },
});
