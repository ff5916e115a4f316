/** The typed surface the renderer calls. The desktop preload and the web host client both implement it. */

export type HostKind = 'desktop' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  platform: string;
  /** Where the workspace database lives (empty until the workspace is opened). */
  workspacePath: string;
}

/** A message from main the user should see (for example, a workspace that could not be opened). */
export interface AppNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Payloads of push channels, by push name. */
export interface PushPayloads {
  notice: AppNotice;
}

export type Unsubscribe = () => void;

export interface InspectorApi {
  getAppInfo(): Promise<AppInfo>;
  /** Tells main the renderer has subscribed; pushes queued before it are then delivered. */
  rendererReady(): Promise<void>;
  onNotice(listener: (notice: AppNotice) => void): Unsubscribe;
}

/** The request/response part of the API: every method that is not a subscription. */
export type InvokeApi = Omit<InspectorApi, `on${string}`>;
