import { z } from 'zod';

/**
 * How the user asks the capture proxy to run (the app's Capture proxy panel; the CLI's `proxy`
 * options are the same settings). `target` set: reverse (base URL) mode; null: forward mode
 * (an HTTP proxy with CONNECT and TLS interception through a local CA).
 */
export const proxySettingsSchema = z.object({
  /** Port on 127.0.0.1; 0 for any free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  target: z.string().trim().min(1).max(2000).nullable().default(null),
  /** Accept an invalid upstream certificate (`-k`). */
  insecure: z.boolean().default(false),
  /** Also record the metadata of responses that are not event streams (`--all`). */
  recordAll: z.boolean().default(false),
});
export type ProxySettings = z.infer<typeof proxySettingsSchema>;
export type ProxySettingsInput = z.input<typeof proxySettingsSchema>;

export type ProxyMode = 'reverse' | 'forward';

/** The capture proxy as the app shows it. */
export type ProxyState =
  | { running: false }
  | {
      running: true;
      mode: ProxyMode;
      /** `http://127.0.0.1:PORT`. */
      url: string;
      /** Reverse mode: the base URL requests go to; null in forward mode. */
      target: string | null;
      /** Forward mode: the CA certificate clients must trust (a PEM file); null in reverse mode. */
      caPath: string | null;
      insecure: boolean;
      recordAll: boolean;
      /** Event streams proxied since the start, and those still open. */
      streams: number;
      openStreams: number;
    };
