import { redactText } from '../../../shared/secrets/index.ts';
import type { ApiReply } from '../../../shared/ipc/reply.ts';
import { dispatchApiCall, isRefusal, type CoreApi } from './api-dispatcher.ts';
import { isTrustedSender } from './sender-check.ts';

/** Who sent an IPC call, as Electron reports it (`event.sender`, `event.senderFrame`). */
export interface IpcSender {
  /** The call came from the inspector window's web contents. */
  fromMainWindow: boolean;
  /** The sending frame's URL (undefined when the frame is gone). */
  frameUrl: string | undefined;
  /** The sending frame is that window's top-level frame. */
  isMainFrame: boolean;
}

export interface IpcGateOptions {
  /** Vite's dev server, trusted in development only. */
  devServerUrl?: string;
  /** Where refusals and internal errors are logged (default: standard error). */
  log?: (message: string) => void;
}

/** The message a refused sender gets: it says nothing about the API it asked for. */
export const refusedSenderMessage = 'This sender is not allowed to use the inspector API.';

/**
 * One IPC call from a renderer: refused (and logged) unless it comes from the top-level frame
 * of our own page in the inspector window; then validated and run by the same dispatcher as
 * the web host. A malformed call is refused with a message saying what was wrong, and logged;
 * so is a bug, under an id the reply carries. Answers with a reply envelope, never rejects.
 */
export async function handleIpcCall(
  api: CoreApi,
  channel: string,
  method: string,
  args: unknown[],
  sender: IpcSender,
  options: IpcGateOptions = {},
): Promise<ApiReply> {
  // Frame URLs and refused arguments may hold a token: logged through the secret classifier.
  const write = options.log ?? ((message: string) => console.warn(message));
  const log = (message: string): void => write(redactText(message));
  if (
    !sender.fromMainWindow ||
    !isTrustedSender(sender.frameUrl, sender.isMainFrame, options.devServerUrl)
  ) {
    log(`Refused IPC ${channel} from ${sender.frameUrl ?? 'an unknown frame'}`);
    return { ok: false, error: { code: 'refused', message: refusedSenderMessage } };
  }
  const reply = await dispatchApiCall(api, method, args, log);
  if (isRefusal(reply)) log(`Refused IPC ${channel}: ${reply.error.message}`);
  return reply;
}
