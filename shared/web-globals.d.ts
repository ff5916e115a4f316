/**
 * The few web-platform globals shared code relies on. They exist in every runtime the code runs
 * in (Node, Electron's main and renderer, browsers), but shared/ is type-checked without Node or
 * DOM typings so that it cannot lean on anything else from them.
 */
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  username: string;
  password: string;
  readonly searchParams: URLSearchParams;
  toString(): string;
}

declare class URLSearchParams {
  constructor(init?: string);
  get(name: string): string | null;
  has(name: string): boolean;
  toString(): string;
}
