import type { Variable } from '../requests/collection.ts';

/**
 * Results of the collections and environments methods (declared in schemas.ts). Kept beside
 * api.ts so that the request-templates feature reads as one piece.
 */

export type MissingSecretsReason = 'not-saved' | 'unreadable';

export interface CollectionFolderItem {
  id: number;
  parentId: number | null;
  name: string;
}

export interface CollectionRequestItem {
  id: number;
  folderId: number | null;
  name: string;
  method: string;
  /** The URL template as stored (secrets as markers). */
  url: string;
  /** The session its last run recorded (null: never run, or that session was deleted). */
  lastSessionId: number | null;
  /** A check spec is kept with it (Checks tab). */
  hasChecks: boolean;
}

export interface CollectionItem {
  id: number;
  name: string;
  /** Collection variables, secret ones opened where this machine can. */
  variables: Variable[];
  folders: CollectionFolderItem[];
  requests: CollectionRequestItem[];
}

/** One request to load into the request bar: its template with secrets opened where possible. */
export interface CollectionRequestDetail {
  id: number;
  name: string;
  collectionId: number;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
  collectionVariables: Variable[];
  /** Headers and URL parts that still hold "[REDACTED]" and need a value. */
  missingSecrets: string[];
  missingReason: MissingSecretsReason | null;
}

export interface EnvironmentItem {
  id: number;
  name: string;
  active: boolean;
  variables: Variable[];
  /** Secret variables without a value here. */
  missingSecrets: string[];
  missingReason: MissingSecretsReason | null;
}

export interface CollectionImportResult {
  collectionId: number | null;
  requests: number;
  environments: string[];
  /** Secret values not written because there is no key store here. */
  notSaved: string[];
  warnings: string[];
}

export interface SavedWithSecrets {
  id: number;
  /** Secret values not written because there is no key store here. */
  notSaved: string[];
}

export type CollectionItemKind = 'collection' | 'folder' | 'request';
export type CollectionExportFormat = 'sse-inspector' | 'postman';
