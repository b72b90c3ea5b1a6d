import {
  COLLECTIONS,
  COLLECTION_NAMES,
  type CollectionName,
  type DocOf,
  mergeFieldwise,
  mergeLww,
  mergeTagAssignment,
  rxSchemaOf,
  sameDocument,
  CUSTOMER_MERGE_FIELDS,
  PREFERENCE_MERGE_FIELDS,
} from '@cellardoor/shared';
import { type RxCollection, type RxConflictHandler, type RxDatabase, type RxStorage, addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBUpdatePlugin);

/** Local documents carry device-only index keys (see shared/local-fields). */
export type LocalDoc<C extends CollectionName> = DocOf<C> & Record<string, unknown>;

export type CellardoorCollections = { [C in CollectionName]: RxCollection<LocalDoc<C>> };
export type CellardoorDatabase = RxDatabase<CellardoorCollections>;

type AnyDoc = Record<string, unknown>;

/**
 * The device side of each collection's conflict rule (DESIGN.md). The server applies the same
 * rules, so whichever side resolves a conflict, the outcome is the same.
 */
export function resolveConflict(name: CollectionName, master: AnyDoc, mine: AnyDoc): AnyDoc {
  switch (COLLECTIONS[name].conflict) {
    case 'fieldwise':
      return mergeFieldwise(master, mine, name === 'customers' ? CUSTOMER_MERGE_FIELDS : PREFERENCE_MERGE_FIELDS).doc;
    case 'lww':
      return mergeLww(master, mine);
    case 'tagAssignment':
      return mergeTagAssignment(master, mine);
    case 'immutable':
      return master;
  }
}

function conflictHandler(name: CollectionName): RxConflictHandler<AnyDoc> {
  return {
    isEqual: (a, b) => sameDocument(a, b),
    resolve: async (i) => resolveConflict(name, i.realMasterState, i.newDocumentState) as typeof i.realMasterState,
  };
}

export interface OpenDatabaseOptions {
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** Several tabs of one browser share a database; tests and Electron use one instance. */
  multiInstance?: boolean;
}

/** Opens the device's database with every replicated collection, from the shared schemas. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<CellardoorDatabase> {
  const db = await createRxDatabase<CellardoorCollections>({
    name: opts.name,
    storage: opts.storage,
    multiInstance: opts.multiInstance ?? false,
    eventReduce: true,
    closeDuplicates: true,
    localDocuments: true,
  });
  const spec = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      { schema: rxSchemaOf(name), conflictHandler: conflictHandler(name), localDocuments: true },
    ]),
  );
  // RxDB's collection creator types are generic over each schema; the shared schemas are data here.
  await db.addCollections(spec as Parameters<typeof db.addCollections>[0]);
  return db;
}
