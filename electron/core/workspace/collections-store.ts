import type { SQLOutputValue } from 'node:sqlite';
import type { Variable } from '../../../shared/requests/collection.ts';
import type { SqlContext } from './sql-context.ts';
import { InspectorError } from '../../../shared/errors.ts';

/**
 * Collections, their folders and requests as rows. What is written here is already safe to
 * write: the callers (core/collections) put markers in place of secrets and pass the sealed
 * values separately, as saved requests do.
 */

type Row = Record<string, SQLOutputValue>;

export interface RequestTemplateRow {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
}

export interface CollectionRow {
  id: number;
  name: string;
  variables: Variable[];
  sealedVariables: Uint8Array | null;
}

export interface FolderRow {
  id: number;
  collectionId: number;
  parentId: number | null;
  name: string;
}

export interface RequestRow extends RequestTemplateRow {
  id: number;
  collectionId: number;
  folderId: number | null;
  name: string;
  sealedSecrets: Uint8Array | null;
  lastSessionId: number | null;
  /** The check spec kept with it (JSON), null for none. */
  checkSpec: string | null;
}

const blob = (value: SQLOutputValue | undefined): Uint8Array | null =>
  value instanceof Uint8Array ? value : null;
const optionalId = (value: SQLOutputValue | undefined): number | null =>
  value === null || value === undefined ? null : (value as number);

function collectionFromRow(row: Row): CollectionRow {
  return {
    id: row.id as number,
    name: row.name as string,
    variables: JSON.parse(row.variables as string) as Variable[],
    sealedVariables: blob(row.sealed_variables),
  };
}

function folderFromRow(row: Row): FolderRow {
  return {
    id: row.id as number,
    collectionId: row.collection_id as number,
    parentId: optionalId(row.parent_id),
    name: row.name as string,
  };
}

function requestFromRow(row: Row): RequestRow {
  return {
    id: row.id as number,
    collectionId: row.collection_id as number,
    folderId: optionalId(row.folder_id),
    name: row.name as string,
    method: row.method as string,
    url: row.url as string,
    headers: JSON.parse(row.headers as string) as Array<[string, string]>,
    body: row.body === null ? null : (row.body as string),
    sealedSecrets: blob(row.sealed_secrets),
    lastSessionId: optionalId(row.last_session_id),
    checkSpec: typeof row.check_spec === 'string' ? row.check_spec : null,
  };
}

function notFound(what: string, id: number): InspectorError {
  return new InspectorError('not-found', `There is no ${what} ${id}.`);
}

export function insertCollection(
  sql: SqlContext,
  name: string,
  variables: Variable[],
  sealedVariables: Uint8Array | null,
): number {
  const now = Date.now();
  return Number(
    sql
      .statement(
        `INSERT INTO collections (name, variables, sealed_variables, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(name, JSON.stringify(variables), sealedVariables, now, now).lastInsertRowid,
  );
}

/** Alphabetical (case-insensitive), then oldest first. */
export function listCollections(sql: SqlContext): CollectionRow[] {
  return sql
    .statement('SELECT * FROM collections ORDER BY name COLLATE NOCASE, id')
    .all()
    .map(collectionFromRow);
}

export function getCollection(sql: SqlContext, id: number): CollectionRow | null {
  const row = sql.statement('SELECT * FROM collections WHERE id = ?').get(id);
  return row ? collectionFromRow(row) : null;
}

function nextPosition(
  sql: SqlContext,
  table: string,
  column: string,
  collectionId: number,
  parentId: number | null,
): number {
  const row = sql
    .statement(
      `SELECT coalesce(max(position), -1) + 1 AS next FROM ${table}
       WHERE collection_id = ? AND ${column} IS ?`,
    )
    .get(collectionId, parentId);
  return row?.next as number;
}

/** `position`: where it goes among its siblings (default: last; finding that reads them all). */
export function insertFolder(
  sql: SqlContext,
  collectionId: number,
  parentId: number | null,
  name: string,
  position = nextPosition(sql, 'collection_folders', 'parent_id', collectionId, parentId),
): number {
  return Number(
    sql
      .statement(
        'INSERT INTO collection_folders (collection_id, parent_id, name, position) VALUES (?, ?, ?, ?)',
      )
      .run(collectionId, parentId, name, position).lastInsertRowid,
  );
}

/** Every folder, each collection's in position order (parents need not come first). */
export function listFolders(sql: SqlContext): FolderRow[] {
  return sql
    .statement('SELECT * FROM collection_folders ORDER BY collection_id, position, id')
    .all()
    .map(folderFromRow);
}

export function getFolder(sql: SqlContext, id: number): FolderRow | null {
  const row = sql.statement('SELECT * FROM collection_folders WHERE id = ?').get(id);
  return row ? folderFromRow(row) : null;
}

export interface NewRequest extends RequestTemplateRow {
  collectionId: number;
  folderId: number | null;
  name: string;
  sealedSecrets: Uint8Array | null;
  /** A check spec kept with it (a duplicate keeps its original's). */
  checkSpec?: string | null;
  /**
   * Where it goes among its folder's requests (default: last). An import of a new collection
   * numbers them itself: finding the last reads every request of the folder, which made a
   * 200,000-request import quadratic.
   */
  position?: number;
}

export function insertRequest(sql: SqlContext, request: NewRequest): number {
  const now = Date.now();
  const position =
    request.position ??
    nextPosition(sql, 'collection_requests', 'folder_id', request.collectionId, request.folderId);
  return Number(
    sql
      .statement(
        `INSERT INTO collection_requests (collection_id, folder_id, name, method, url, headers,
         body, sealed_secrets, check_spec, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        request.collectionId,
        request.folderId,
        request.name,
        request.method,
        request.url,
        JSON.stringify(request.headers),
        request.body,
        request.sealedSecrets,
        request.checkSpec ?? null,
        position,
        now,
        now,
      ).lastInsertRowid,
  );
}

export function updateRequestTemplate(
  sql: SqlContext,
  id: number,
  template: RequestTemplateRow,
  sealedSecrets: Uint8Array | null,
): void {
  const changes = sql
    .statement(
      `UPDATE collection_requests SET method = ?, url = ?, headers = ?, body = ?,
       sealed_secrets = ?, updated_at = ? WHERE id = ?`,
    )
    .run(
      template.method,
      template.url,
      JSON.stringify(template.headers),
      template.body,
      sealedSecrets,
      Date.now(),
      id,
    ).changes;
  if (changes !== 1) throw notFound('request', id);
}

/** Every request, in collection, folder and position order. */
export function listRequests(sql: SqlContext): RequestRow[] {
  return sql
    .statement('SELECT * FROM collection_requests ORDER BY collection_id, position, id')
    .all()
    .map(requestFromRow);
}

export function getRequest(sql: SqlContext, id: number): RequestRow | null {
  const row = sql.statement('SELECT * FROM collection_requests WHERE id = ?').get(id);
  return row ? requestFromRow(row) : null;
}

/** Requests with this exact name (case-insensitive), oldest first. */
export function findRequestsByName(sql: SqlContext, name: string): RequestRow[] {
  return sql
    .statement('SELECT * FROM collection_requests WHERE name = ? COLLATE NOCASE ORDER BY id')
    .all(name)
    .map(requestFromRow);
}

export function setCheckSpec(sql: SqlContext, requestId: number, json: string | null): void {
  const changed = sql
    .statement('UPDATE collection_requests SET check_spec = ? WHERE id = ?')
    .run(json, requestId);
  if (changed.changes === 0) {
    throw new InspectorError('not-found', `There is no request ${requestId}.`);
  }
}

export function setLastSession(sql: SqlContext, requestId: number, sessionId: number): void {
  sql
    .statement('UPDATE collection_requests SET last_session_id = ? WHERE id = ?')
    .run(sessionId, requestId);
}

export type CollectionItemKind = 'collection' | 'folder' | 'request';
const tables: Record<CollectionItemKind, string> = {
  collection: 'collections',
  folder: 'collection_folders',
  request: 'collection_requests',
};

export function renameItem(
  sql: SqlContext,
  kind: CollectionItemKind,
  id: number,
  name: string,
): void {
  const changes = sql
    .statement(`UPDATE ${tables[kind]} SET name = ? WHERE id = ?`)
    .run(name, id).changes;
  if (changes !== 1) throw notFound(kind, id);
}

/** Deletes a collection or folder with everything in it, or one request. */
export function deleteItem(sql: SqlContext, kind: CollectionItemKind, id: number): void {
  const changes = sql.statement(`DELETE FROM ${tables[kind]} WHERE id = ?`).run(id).changes;
  if (changes !== 1) throw notFound(kind, id);
}

/** Moves a request into a folder (null: the top of its collection), at the end. */
export function moveRequest(sql: SqlContext, id: number, folderId: number | null): void {
  sql.transaction(() => {
    const request = getRequest(sql, id);
    if (request === null) throw notFound('request', id);
    const collectionId =
      folderId === null ? request.collectionId : getFolder(sql, folderId)?.collectionId;
    if (collectionId === undefined) throw notFound('folder', folderId!);
    const position = nextPosition(sql, 'collection_requests', 'folder_id', collectionId, folderId);
    sql
      .statement(
        'UPDATE collection_requests SET collection_id = ?, folder_id = ?, position = ? WHERE id = ?',
      )
      .run(collectionId, folderId, position, id);
  });
}

/** Moves a folder (and what it holds) under another one, or to its collection's top (null). */
export function moveFolder(sql: SqlContext, id: number, parentId: number | null): void {
  sql.transaction(() => {
    const folder = getFolder(sql, id);
    if (folder === null) throw notFound('folder', id);
    let collectionId = folder.collectionId;
    for (let at = parentId; at !== null;) {
      if (at === id) {
        throw new InspectorError('usage', 'A folder cannot be moved into itself.');
      }
      const ancestor = getFolder(sql, at);
      if (ancestor === null) throw notFound('folder', at);
      if (at === parentId) collectionId = ancestor.collectionId;
      at = ancestor.parentId;
    }
    if (collectionId !== folder.collectionId) {
      throw new InspectorError('usage', 'A folder moves within its collection.');
    }
    const position = nextPosition(sql, 'collection_folders', 'parent_id', collectionId, parentId);
    sql
      .statement('UPDATE collection_folders SET parent_id = ?, position = ? WHERE id = ?')
      .run(parentId, position, id);
  });
}

/** A copy of a request beside it, named "<name> copy" (its secrets sealed the same way). */
export function duplicateRequest(sql: SqlContext, id: number): number {
  const request = getRequest(sql, id);
  if (request === null) throw notFound('request', id);
  return insertRequest(sql, { ...request, name: `${request.name} copy` });
}

/**
 * A copy of a folder and everything in it, beside it, named "<name> copy". Its contents keep
 * their order, numbered here: asking for the next position per inserted row, and filtering
 * every list per folder, made copying a folder of many thousands of requests quadratic.
 */
export function duplicateFolder(sql: SqlContext, id: number): number {
  return sql.transaction(() => {
    const folder = getFolder(sql, id);
    if (folder === null) throw notFound('folder', id);
    const childFolders = new Map<number, FolderRow[]>();
    for (const child of listFolders(sql)) {
      if (child.collectionId !== folder.collectionId || child.parentId === null) continue;
      const siblings = childFolders.get(child.parentId);
      if (siblings === undefined) childFolders.set(child.parentId, [child]);
      else siblings.push(child);
    }
    const folderRequests = new Map<number, RequestRow[]>();
    for (const request of listRequests(sql)) {
      if (request.collectionId !== folder.collectionId || request.folderId === null) continue;
      const siblings = folderRequests.get(request.folderId);
      if (siblings === undefined) folderRequests.set(request.folderId, [request]);
      else siblings.push(request);
    }
    const copy = (
      source: FolderRow,
      parentId: number | null,
      name: string,
      position?: number,
    ): number => {
      const newId = insertFolder(sql, source.collectionId, parentId, name, position);
      const requests = folderRequests.get(source.id) ?? [];
      requests.forEach((request, index) => {
        insertRequest(sql, { ...request, folderId: newId, position: index });
      });
      (childFolders.get(source.id) ?? []).forEach((child, index) => {
        copy(child, newId, child.name, index);
      });
      return newId;
    };
    return copy(folder, folder.parentId, `${folder.name} copy`);
  });
}
