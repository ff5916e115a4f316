import { parseCurlCommand } from './curl-parse.ts';
import { parseFetchSnippet } from './fetch-snippet.ts';

/**
 * A request as pasted from DevTools or API docs ("Copy as cURL", "Copy as fetch"): what the
 * request bar, `cli from-curl` and `cli capture --curl` take from it.
 */
export interface PastedRequest {
  /** As written (`-X` is not checked against the methods we send). */
  method: string;
  url: string;
  /** In command order, as written; derived ones (`-u`, `-b`, `-A`, `-e`, `--json`) where curl puts them. */
  headers: Array<[string, string]>;
  body: string | null;
  /** `-k` / `--insecure`. */
  insecure: boolean;
  /** `-x` / `--proxy`, with curl's default `http://` when no scheme is given. */
  proxy: string | null;
  /** What the command asks for that we do not do, one short phrase each, values left out. */
  unsupported: string[];
}

export type PasteResult = { ok: true; request: PastedRequest } | { ok: false; message: string };

/** A pasted text is a curl command or a fetch snippet (the quick test before parsing on paste). */
export function looksLikePastedRequest(text: string): boolean {
  return /^\s*(?:\$\s+)?curl(?:\.exe)?\s/i.test(text) || /^\s*(?:await\s+)?fetch\s*\(/.test(text);
}

/** Parses a curl command (bash or cmd syntax) or a fetch snippet. */
export function parsePastedRequest(text: string): PasteResult {
  if (/^\s*(?:await\s+)?fetch\s*\(/.test(text)) return parseFetchSnippet(text);
  if (/^\s*(?:\$\s+)?curl(?:\.exe)?(?:\s|$)/i.test(text)) return parseCurlCommand(text);
  return {
    ok: false,
    message: 'Not a curl command or fetch snippet (it should start with "curl" or "fetch(").',
  };
}
