import { InspectorError } from '../../../shared/errors.ts';
import type {
  Collection,
  CollectionRequest,
  Environment,
  ImportedCollection,
  Variable,
} from '../../../shared/requests/collection.ts';
import * as store from '../workspace/collections-store.ts';
import * as envs from '../workspace/environments-store.ts';
import type { SqlContext } from '../workspace/sql-context.ts';
import type { SealingService } from '../secrets/sealing-service.ts';
import {
  openTemplateSecrets,
  openVariables,
  sealTemplateSecrets,
  sealVariables,
  type OpenedTemplate,
} from '../secrets/template-secrets.ts';
import type { MissingSecretsReason } from '../secrets/request-secrets.ts';

/** One stored request as `cli collection import|list` print it. */
export interface RequestLine {
  id: number;
  name: string;
  /** The folder path joined with "/", null at the top of the collection. */
  folder: string | null;
  method: string;
  url: string;
}

export interface ImportOutcome {
  collectionId: number | null;
  requests: RequestLine[];
  environments: string[];
  /** Secrets not written because there is no key store ("Authorization of "Chat""…). */
  notSaved: string[];
  warnings: string[];
}

/** A request ready to resolve: its template with secrets opened and its collection's variables. */
export interface OpenedRequest extends OpenedTemplate<store.RequestTemplateRow> {
  id: number;
  name: string;
  collectionVariables: Variable[];
}

export interface OpenedEnvironment {
  id: number;
  name: string;
  active: boolean;
  variables: Variable[];
  /** Secret variables without a value here, and why. */
  missing: string[];
  reason: MissingSecretsReason | null;
}

/**
 * Collections and environments over the workspace, with secrets sealed through the sealing
 * service on the way in and opened on the way out (the workspace only ever sees markers).
 */
export class CollectionsService {
  readonly #sql: SqlContext;
  readonly #sealing: SealingService;

  constructor(sql: SqlContext, sealing: SealingService) {
    this.#sql = sql;
    this.#sealing = sealing;
  }

  /** Stores a whole imported file in one transaction: a new collection and its environments. */
  importCollection(imported: ImportedCollection): ImportOutcome {
    return this.#sql.transaction(() => {
      const notSaved: string[] = [];
      const { collection } = imported;
      let collectionId: number | null = null;
      const requests: RequestLine[] = [];
      if (collection.requests.length > 0 || collection.folders.length > 0) {
        const variables = sealVariables(collection.variables, this.#sealing);
        notSaved.push(...variables.notSaved.map((name) => `variable ${name}`));
        collectionId = store.insertCollection(
          this.#sql,
          collection.name,
          variables.variables,
          variables.sealed,
        );
        const folderIds = this.#createFolders(collectionId, collection.folders);
        // A new collection: each folder's requests are numbered here, in file order.
        const positions = new Map<number | null, number>();
        for (const request of collection.requests) {
          const folderId =
            request.folder.length === 0 ? null : folderIds.get(JSON.stringify(request.folder))!;
          const position = positions.get(folderId) ?? 0;
          positions.set(folderId, position + 1);
          const stored = this.#insertRequest(collectionId, folderId, request, position);
          notSaved.push(...stored.notSaved.map((name) => `${name} of "${request.name}"`));
          // As stored (and as `list` prints it): secrets as markers, never the file's values.
          requests.push(lineOf({ ...request, id: stored.id, url: stored.url }));
        }
      }
      const environments = imported.environments.map((environment) => {
        const name = envs.freeEnvironmentName(this.#sql, environment.name);
        const sealed = sealVariables(environment.variables, this.#sealing);
        notSaved.push(...sealed.notSaved.map((v) => `${v} in environment "${name}"`));
        envs.insertEnvironment(this.#sql, name, sealed.variables, sealed.sealed);
        return name;
      });
      return { collectionId, requests, environments, notSaved, warnings: imported.warnings };
    });
  }

  /** The folders of a new collection (numbered here, as its requests are). */
  #createFolders(collectionId: number, folders: string[][]): Map<string, number> {
    const ids = new Map<string, number>();
    const positions = new Map<number | null, number>();
    for (const path of folders) {
      for (let depth = 1; depth <= path.length; depth++) {
        const key = JSON.stringify(path.slice(0, depth));
        if (ids.has(key)) continue;
        const parent = depth === 1 ? null : ids.get(JSON.stringify(path.slice(0, depth - 1)))!;
        const position = positions.get(parent) ?? 0;
        positions.set(parent, position + 1);
        const name = path[depth - 1]!;
        ids.set(key, store.insertFolder(this.#sql, collectionId, parent, name, position));
      }
    }
    return ids;
  }

  #insertRequest(
    collectionId: number,
    folderId: number | null,
    request: Omit<CollectionRequest, 'folder'>,
    position?: number,
  ): { id: number; url: string; notSaved: string[] } {
    const sealed = sealTemplateSecrets(
      { method: request.method, url: request.url, headers: request.headers, body: request.body },
      this.#sealing,
    );
    const id = store.insertRequest(this.#sql, {
      collectionId,
      folderId,
      name: request.name,
      ...sealed.template,
      sealedSecrets: sealed.sealed,
      ...(position === undefined ? {} : { position }),
    });
    return { id, url: sealed.template.url, notSaved: sealed.notSaved };
  }

  /** Adds one request (e.g. the request bar's) to a collection; its id and what was not saved. */
  addRequest(
    collectionId: number,
    folderId: number | null,
    request: Omit<CollectionRequest, 'folder'>,
  ): { id: number; notSaved: string[] } {
    const { id, notSaved } = this.#insertRequest(collectionId, folderId, request);
    return { id, notSaved };
  }

  /** Replaces a stored request's template (the request bar's edits); what was not saved. */
  updateRequest(id: number, template: store.RequestTemplateRow): string[] {
    const sealed = sealTemplateSecrets(template, this.#sealing);
    store.updateRequestTemplate(this.#sql, id, sealed.template, sealed.sealed);
    return sealed.notSaved;
  }

  /** Folder paths by folder id. */
  #folderPaths(): Map<number, string[]> {
    const folders = store.listFolders(this.#sql);
    const byId = new Map(folders.map((f) => [f.id, f]));
    const paths = new Map<number, string[]>();
    const pathOf = (id: number): string[] => {
      const known = paths.get(id);
      if (known !== undefined) return known;
      const folder = byId.get(id)!;
      const path = [...(folder.parentId === null ? [] : pathOf(folder.parentId)), folder.name];
      paths.set(id, path);
      return path;
    };
    for (const folder of folders) pathOf(folder.id);
    return paths;
  }

  /**
   * Stored requests with their folder paths, collection by collection, each walked depth first
   * (a folder's subfolders, then its own requests, each in position order).
   */
  #orderedRequests(onlyCollection?: number): Array<{ row: store.RequestRow; folder: string[] }> {
    const folders = store.listFolders(this.#sql);
    const requests = store.listRequests(this.#sql);
    const ordered: Array<{ row: store.RequestRow; folder: string[] }> = [];
    const walk = (collectionId: number, folderId: number | null, path: string[]): void => {
      for (const folder of folders) {
        if (folder.collectionId === collectionId && folder.parentId === folderId) {
          walk(collectionId, folder.id, [...path, folder.name]);
        }
      }
      for (const row of requests) {
        if (row.collectionId === collectionId && row.folderId === folderId) {
          ordered.push({ row, folder: path });
        }
      }
    };
    for (const collection of store.listCollections(this.#sql)) {
      if (onlyCollection === undefined || onlyCollection === collection.id) {
        walk(collection.id, null, []);
      }
    }
    return ordered;
  }

  /** Every stored request (stored forms: secrets as markers), as the CLI prints them. */
  requestLines(): RequestLine[] {
    return this.#orderedRequests().map(({ row, folder }) => lineOf({ ...row, folder }));
  }

  /** A request by id (digits) or by name; a name several requests share is refused. */
  findRequest(nameOrId: string): store.RequestRow {
    if (/^\d+$/.test(nameOrId)) {
      const row = store.getRequest(this.#sql, Number(nameOrId));
      if (row !== null) return row;
    }
    const rows = store.findRequestsByName(this.#sql, nameOrId);
    if (rows.length === 1) return rows[0]!;
    if (rows.length === 0) {
      throw new InspectorError('not-found', `no stored request is called "${nameOrId}"`);
    }
    throw new InspectorError(
      'usage',
      `${rows.length} requests are called "${nameOrId}" (ids ${rows.map((r) => r.id).join(', ')}): give the id`,
    );
  }

  openRequest(row: store.RequestRow): OpenedRequest {
    const opened = openTemplateSecrets(
      { method: row.method, url: row.url, headers: row.headers, body: row.body },
      row.sealedSecrets,
      this.#sealing,
    );
    const collection = store.getCollection(this.#sql, row.collectionId);
    const variables =
      collection === null
        ? []
        : openVariables(collection.variables, collection.sealedVariables, this.#sealing).variables;
    return { ...opened, id: row.id, name: row.name, collectionVariables: variables };
  }

  /** The session the request's last run recorded, kept one click away. */
  recordRun(requestId: number, sessionId: number): void {
    store.setLastSession(this.#sql, requestId, sessionId);
  }

  #openEnvironment(row: envs.EnvironmentRow): OpenedEnvironment {
    const opened = openVariables(row.variables, row.sealedVariables, this.#sealing);
    return { id: row.id, name: row.name, active: row.active, ...opened };
  }

  environments(): OpenedEnvironment[] {
    return envs.listEnvironments(this.#sql).map((row) => this.#openEnvironment(row));
  }

  findEnvironment(name: string): OpenedEnvironment | null {
    const row = envs.findEnvironment(this.#sql, name);
    return row === null ? null : this.#openEnvironment(row);
  }

  activeEnvironment(): OpenedEnvironment | null {
    return this.environments().find((environment) => environment.active) ?? null;
  }

  /** Creates (id null) or replaces an environment; returns its id and what was not saved. */
  saveEnvironment(id: number | null, environment: Environment): { id: number; notSaved: string[] } {
    const sealed = sealVariables(environment.variables, this.#sealing);
    if (id === null) {
      const newId = envs.insertEnvironment(
        this.#sql,
        environment.name,
        sealed.variables,
        sealed.sealed,
      );
      return { id: newId, notSaved: sealed.notSaved };
    }
    envs.updateEnvironment(this.#sql, id, environment.name, sealed.variables, sealed.sealed);
    return { id, notSaved: sealed.notSaved };
  }

  deleteEnvironment(id: number): void {
    envs.deleteEnvironment(this.#sql, id);
  }

  setActiveEnvironment(id: number | null): void {
    envs.setActiveEnvironment(this.#sql, id);
  }

  /** A stored collection in the shared shape, as stored (secrets as markers, secret values empty). */
  collection(id: number): Collection {
    const row = store.getCollection(this.#sql, id);
    if (row === null) throw new InspectorError('not-found', `There is no collection ${id}.`);
    const paths = this.#folderPaths();
    const folders = store
      .listFolders(this.#sql)
      .filter((f) => f.collectionId === id)
      .map((f) => paths.get(f.id)!)
      .sort((a, b) => a.length - b.length);
    const requests = this.#orderedRequests(id).map(({ row: r, folder }): CollectionRequest => ({
      name: r.name,
      folder,
      method: r.method,
      url: r.url,
      headers: r.headers,
      body: r.body,
    }));
    return { name: row.name, variables: row.variables, folders, requests };
  }
}

function lineOf(request: {
  id: number;
  name: string;
  folder: string[];
  method: string;
  url: string;
}): RequestLine {
  return {
    id: request.id,
    name: request.name,
    folder: request.folder.length === 0 ? null : request.folder.join('/'),
    method: request.method,
    url: request.url,
  };
}
