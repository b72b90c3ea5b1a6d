import { COLLECTION_NAMES, type CollectionName, type DocOf, resolveConflict, rxSchemaOf, sameDocument } from '@cellardoor/shared';
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

/** The device side of each collection's conflict rule lives in shared, beside the server's use of it. */
export { resolveConflict };

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
