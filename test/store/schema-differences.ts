import type { CatalogColumn, SchemaCatalog } from '../../src/store/schema-catalog.ts';
import type { DeclaredColumn, DeclaredKind, DeclaredSchema } from './schema-types.ts';

// What each PostgreSQL type reads back as on both stores (src/store/connect.ts): int8 stays a
// string so ids keep their precision, numeric is a string, date and timestamps are Dates, JSON
// is parsed. A type missing here fails the comparison, so a new one is mapped on purpose.
const kindOfPgType: Record<string, DeclaredKind> = {
  uuid: 'string',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  tsvector: 'string',
  int8: 'string',
  numeric: 'string',
  int2: 'number',
  int4: 'number',
  float4: 'number',
  float8: 'number',
  bool: 'boolean',
  date: 'Date',
  timestamp: 'Date',
  timestamptz: 'Date',
  json: 'json',
  jsonb: 'json',
};

/** The kinds a column of this type may be declared as. */
function acceptedKinds(column: CatalogColumn): readonly string[] {
  const kind = kindOfPgType[column.baseType];
  if (!kind) return [];
  // A JSON column may be typed as its shape or as unknown.
  if (kind === 'json') return column.isArray ? [] : ['json', 'unknown'];
  if (!column.isArray) return [kind];
  return kind === 'string' || kind === 'number' ? [`${kind}[]`] : [];
}

/**
 * Every way schema.ts and the migrated database disagree, one readable line each: missing or
 * extra tables and columns, types, nullability, what an insert may leave out, and the values a
 * `check (column in (…))` allows against a string-literal union.
 */
export function schemaDifferences(declared: DeclaredSchema, catalog: SchemaCatalog): string[] {
  const differences: string[] = [];
  const actual = new Map<string, Map<string, CatalogColumn>>();
  for (const column of catalog.columns) {
    const table = actual.get(column.table) ?? new Map<string, CatalogColumn>();
    table.set(column.column, column);
    actual.set(column.table, table);
  }
  const allowedValues = checkedValues(catalog);
  for (const [table, columns] of actual) {
    const declaredTable = declared[table];
    if (!declaredTable) {
      differences.push(`table ${table}: in the database, missing from schema.ts`);
      continue;
    }
    for (const [name, column] of columns) {
      const declaredColumn = declaredTable[name];
      if (!declaredColumn) {
        differences.push(
          `${table}.${name}: in the database (${column.type}), missing from schema.ts`,
        );
        continue;
      }
      const values = allowedValues.get(`${table}.${name}`);
      differences.push(...columnDifferences(`${table}.${name}`, column, declaredColumn, values));
    }
    for (const name of Object.keys(declaredTable)) {
      if (!columns.has(name))
        differences.push(`${table}.${name}: in schema.ts, not in the database`);
    }
  }
  for (const table of Object.keys(declared)) {
    if (!actual.has(table)) differences.push(`table ${table}: in schema.ts, not in the database`);
  }
  return differences.sort();
}

function columnDifferences(
  name: string,
  column: CatalogColumn,
  declared: DeclaredColumn,
  allowedValues: string[] | undefined,
): string[] {
  const differences: string[] = [];
  const accepted = acceptedKinds(column);
  if (accepted.length === 0) {
    differences.push(
      `${name}: no TypeScript type is mapped for ${column.type} (schema-differences.ts)`,
    );
  } else if (!accepted.includes(declared.kind)) {
    differences.push(
      `${name}: schema.ts says ${declared.text}, the database has ${column.type} (read as ${accepted.join(' or ')})`,
    );
  }
  if (declared.nullable !== 'either' && declared.nullable !== column.nullable) {
    differences.push(
      `${name}: schema.ts says ${declared.nullable ? 'nullable' : 'not null'} (${declared.text}), the database says ${column.nullable ? 'nullable' : 'not null'}`,
    );
  }
  const generatedAlways = column.generated === 'stored' || column.identity === 'always';
  if (generatedAlways && declared.insert !== 'never') {
    differences.push(`${name}: the database generates it, schema.ts lets an insert set it`);
  }
  if (declared.insert === 'never' && !generatedAlways && column.defaultExpression === null) {
    differences.push(
      `${name}: schema.ts forbids inserting it, the database neither generates nor defaults it`,
    );
  }
  const leftOut = declared.insert === 'optional' && !column.nullable;
  if (leftOut && column.defaultExpression === null && column.identity === null) {
    differences.push(`${name}: schema.ts lets an insert leave it out, the database has no default`);
  }
  if (allowedValues && declared.literals.length > 0) {
    const same = allowedValues.join() === declared.literals.join();
    if (!same) {
      differences.push(
        `${name}: schema.ts allows ${declared.literals.join(', ')}, the database's check allows ${allowedValues.join(', ')}`,
      );
    }
  }
  return differences;
}

/** "table.column" → the sorted values of a one-column `check (column in ('a', 'b'))`. */
function checkedValues(catalog: SchemaCatalog): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const constraint of catalog.constraints) {
    if (constraint.kind !== 'check' || constraint.columns.length !== 1) continue;
    const list = /= ANY \(+ARRAY\[(.*)\]\)/.exec(constraint.definition)?.[1];
    if (!list) continue;
    const literals = [...list.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) =>
      m[1]!.replace(/''/g, "'"),
    );
    values.set(`${constraint.table}.${constraint.columns[0]}`, literals.sort());
  }
  return values;
}
