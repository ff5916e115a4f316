import type {
  CollectionExportFormat,
  CollectionImportResult,
  CollectionItem,
  CollectionItemKind,
  CollectionRequestDetail,
  EnvironmentItem,
  SavedWithSecrets,
} from '../../../shared/ipc/collections-api.ts';
import { checkSpecSchema, type CheckSpec } from '../../../shared/checks/index.ts';
import { InspectorError } from '../../../shared/errors.ts';
import { CollectionFormatError, type Environment } from '../../../shared/requests/collection.ts';
import { importCollectionFile } from '../../../shared/requests/import-collection.ts';
import { exportNativeCollection } from '../../../shared/requests/native-collection.ts';
import { exportPostmanCollection } from '../../../shared/requests/postman.ts';
import type { RequestTemplate } from '../../../shared/requests/variables.ts';
import { openVariables } from '../secrets/template-secrets.ts';
import type { SealingService } from '../secrets/sealing-service.ts';
import * as store from '../workspace/collections-store.ts';
import type { SqlContext } from '../workspace/sql-context.ts';
import { CollectionsService } from './collections-service.ts';

const DEFAULT_COLLECTION = 'My requests';

/**
 * The collections and environments methods of the inspector API (see shared/ipc/schemas.ts),
 * over the CollectionsService the CLI uses too.
 */
export class CollectionsApi {
  readonly #sql: SqlContext;
  readonly #sealing: SealingService;
  readonly #service: CollectionsService;

  constructor(sql: SqlContext, sealing: SealingService) {
    this.#sql = sql;
    this.#sealing = sealing;
    this.#service = new CollectionsService(sql, sealing);
  }

  listCollections(): CollectionItem[] {
    const folders = store.listFolders(this.#sql);
    const requests = store.listRequests(this.#sql);
    return store.listCollections(this.#sql).map((collection) => ({
      id: collection.id,
      name: collection.name,
      variables: openVariables(collection.variables, collection.sealedVariables, this.#sealing)
        .variables,
      folders: folders
        .filter((f) => f.collectionId === collection.id)
        .map(({ id, parentId, name }) => ({ id, parentId, name })),
      requests: requests
        .filter((r) => r.collectionId === collection.id)
        .map(({ id, folderId, name, method, url, lastSessionId, checkSpec }) => ({
          id,
          folderId,
          name,
          method,
          url,
          lastSessionId,
          hasChecks: checkSpec !== null,
        })),
    }));
  }

  importCollection(text: string, fileName: string): CollectionImportResult {
    let imported;
    try {
      imported = importCollectionFile(text, fileName.replace(/\.json$/i, ''));
    } catch (error) {
      if (error instanceof CollectionFormatError) {
        throw new InspectorError('wrong-format', `${fileName}: ${error.message}`);
      }
      throw error;
    }
    const outcome = this.#service.importCollection(imported);
    return {
      collectionId: outcome.collectionId,
      requests: outcome.requests.length,
      environments: outcome.environments,
      notSaved: outcome.notSaved,
      warnings: outcome.warnings,
    };
  }

  exportCollection(id: number, format: CollectionExportFormat): string {
    const collection = this.#service.collection(id);
    const file =
      format === 'postman'
        ? exportPostmanCollection(collection)
        : exportNativeCollection(collection);
    return `${JSON.stringify(file, null, 2)}\n`;
  }

  getCollectionRequest(id: number): CollectionRequestDetail {
    const row = store.getRequest(this.#sql, id);
    if (row === null) throw new InspectorError('not-found', `There is no request ${id}.`);
    const opened = this.#service.openRequest(row);
    return {
      id: row.id,
      name: row.name,
      collectionId: row.collectionId,
      ...opened.template,
      collectionVariables: opened.collectionVariables,
      missingSecrets: opened.missing,
      missingReason: opened.reason,
    };
  }

  /** The check spec kept with a request (null: none, or one this version cannot read). */
  getRequestCheckSpec(id: number): CheckSpec | null {
    const row = store.getRequest(this.#sql, id);
    if (row === null) throw new InspectorError('not-found', `There is no request ${id}.`);
    if (row.checkSpec === null) return null;
    try {
      const parsed = checkSpecSchema.safeParse(JSON.parse(row.checkSpec));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /**
   * Keeps a check spec with a request (null removes it). The spec's `request` is dropped: the
   * collection request is the request, with its secrets sealed, and a spec must not carry an
   * `Authorization` value into the file in plain text.
   */
  saveRequestCheckSpec(id: number, spec: CheckSpec | null): void {
    const kept = spec === null ? null : { ...spec, request: undefined };
    store.setCheckSpec(this.#sql, id, kept === null ? null : JSON.stringify(kept));
  }

  addCollectionRequest(
    collectionId: number | null,
    name: string,
    template: RequestTemplate & { method: string },
  ): SavedWithSecrets {
    return this.#sql.transaction(() => {
      const target =
        collectionId ??
        store.listCollections(this.#sql).find((c) => c.name === DEFAULT_COLLECTION)?.id ??
        store.insertCollection(this.#sql, DEFAULT_COLLECTION, [], null);
      if (store.getCollection(this.#sql, target) === null) {
        throw new InspectorError('not-found', `There is no collection ${target}.`);
      }
      return this.#service.addRequest(target, null, {
        name,
        method: template.method.toUpperCase(),
        url: template.url,
        headers: template.headers.map(([n, v]) => [n, v]),
        body: template.body,
      });
    });
  }

  updateCollectionRequest(
    id: number,
    template: RequestTemplate & { method: string },
  ): SavedWithSecrets {
    const notSaved = this.#service.updateRequest(id, {
      method: template.method.toUpperCase(),
      url: template.url,
      headers: template.headers.map(([n, v]) => [n, v]),
      body: template.body,
    });
    return { id, notSaved };
  }

  renameCollectionItem(kind: CollectionItemKind, id: number, name: string): void {
    store.renameItem(this.#sql, kind, id, name);
  }

  moveCollectionItem(kind: 'folder' | 'request', id: number, folderId: number | null): void {
    if (kind === 'folder') store.moveFolder(this.#sql, id, folderId);
    else store.moveRequest(this.#sql, id, folderId);
  }

  duplicateCollectionItem(kind: 'folder' | 'request', id: number): number {
    return kind === 'folder'
      ? store.duplicateFolder(this.#sql, id)
      : store.duplicateRequest(this.#sql, id);
  }

  deleteCollectionItem(kind: CollectionItemKind, id: number): void {
    store.deleteItem(this.#sql, kind, id);
  }

  recordCollectionRun(requestId: number, sessionId: number): void {
    this.#service.recordRun(requestId, sessionId);
  }

  listEnvironments(): EnvironmentItem[] {
    return this.#service.environments().map((e) => ({
      id: e.id,
      name: e.name,
      active: e.active,
      variables: e.variables,
      missingSecrets: e.missing,
      missingReason: e.reason,
    }));
  }

  saveEnvironment(id: number | null, environment: Environment): SavedWithSecrets {
    return this.#service.saveEnvironment(id, environment);
  }

  deleteEnvironment(id: number): void {
    this.#service.deleteEnvironment(id);
  }

  setActiveEnvironment(id: number | null): void {
    this.#service.setActiveEnvironment(id);
  }
}
