import { z } from 'zod';
import { COLLECTIONS, type CollectionName } from './collections';
import { LOCAL_FIELDS, LOCAL_FIELD_MAX_LENGTH } from './local-fields';

/** Bumped whenever a collection's shape changes; the server refuses older clients with 426. */
export const SCHEMA_VERSION = 1;

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** Extra local index orderings per collection, on top of the replicated fields' indexes. */
const LOCAL_INDEXES: Partial<Record<CollectionName, string[][]>> = {
  orders: [['customerKey', 'createdAt'], ['receiptKey'], ['deviceId', 'seqKey']],
  products: [['barcodeKey']],
};

/**
 * The RxDB schema of a collection, derived from its zod schema so the shape is written once.
 * RxDB needs a primary key with a maxLength, and indexed strings with a maxLength; zod's JSON
 * Schema output carries both from the zod bounds.
 */
export function rxSchemaOf(name: CollectionName): JsonSchema {
  const spec = COLLECTIONS[name];
  const json = z.toJSONSchema(spec.schema, { io: 'output', unrepresentable: 'any', target: 'draft-7' }) as JsonSchema;
  const properties = stripMeta(json.properties ?? {}) as Record<string, JsonSchema>;
  properties.id = { type: 'string', maxLength: 36 };
  for (const key of Object.keys(LOCAL_FIELDS[name] ?? {})) properties[key] = { type: 'string', maxLength: LOCAL_FIELD_MAX_LENGTH };
  const indexes = [...spec.indexes, ...(LOCAL_INDEXES[name] ?? [])];
  for (const field of indexes.flat()) {
    const p = properties[field];
    if (!p) throw new Error(`${name}: index field ${field} is not in the schema`);
    if (p.type === 'string' && typeof p.maxLength !== 'number') p.maxLength = 64;
  }
  const required = [...new Set([...(json.required ?? []), ...Object.keys(LOCAL_FIELDS[name] ?? {})])];
  return {
    title: name,
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    indexes,
  };
}

function stripMeta(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMeta);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // RxDB's validators reject JSON Schema keywords it does not know in some positions.
      if (k === '$schema' || k === 'additionalProperties' || k === 'format' || k === 'pattern') continue;
      out[k] = stripMeta(v);
    }
    return out;
  }
  return value;
}
