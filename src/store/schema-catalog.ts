import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

// The migrated schema as PostgreSQL's catalog describes it, read the same way on PGlite and on
// a server: what test/store/schema-catalog.test.ts compares schema.ts with, and what
// scripts/schema-sql.ts writes to docs/schema.sql. Everything comes back sorted, so two reads of
// the same schema are equal. Kysely's own bookkeeping tables are left out.

/** One column of a table, in the table's column order. */
export interface CatalogColumn {
  table: string;
  column: string;
  /** As PostgreSQL writes it: `text`, `timestamp with time zone`, `uuid[]` … */
  type: string;
  /** The type's name in pg_type (`int4`, `timestamptz`); an array's is its element's. */
  baseType: string;
  isArray: boolean;
  nullable: boolean;
  /** The default's expression, or a generated column's expression; null when it has neither. */
  defaultExpression: string | null;
  /** `stored` for a generated column; `always` or `by default` for an identity column. */
  generated: 'stored' | null;
  identity: 'always' | 'by default' | null;
}

/** A primary key, unique, foreign-key, check or exclusion constraint. */
export interface CatalogConstraint {
  table: string;
  name: string;
  kind: 'primary key' | 'unique' | 'foreign key' | 'check' | 'exclusion';
  columns: string[];
  definition: string;
}

/** An index that no constraint owns (a constraint's own index is implied by it). */
interface CatalogIndex {
  table: string;
  name: string;
  definition: string;
}

interface CatalogTrigger {
  table: string;
  name: string;
  definition: string;
}

interface CatalogFunction {
  name: string;
  definition: string;
}

export interface SchemaCatalog {
  columns: CatalogColumn[];
  constraints: CatalogConstraint[];
  indexes: CatalogIndex[];
  triggers: CatalogTrigger[];
  functions: CatalogFunction[];
}

const constraintKinds: Record<string, CatalogConstraint['kind']> = {
  p: 'primary key',
  u: 'unique',
  f: 'foreign key',
  c: 'check',
  x: 'exclusion',
};

function constraintKind(code: string): CatalogConstraint['kind'] {
  const kind = constraintKinds[code];
  if (!kind) throw new Error(`unexpected constraint type ${code}`);
  return kind;
}

const identityKinds: Record<string, CatalogColumn['identity']> = { a: 'always', d: 'by default' };

// Tables in the current schema (public, or the search path's first), without Kysely's own.
const ownTables = sql`c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
  and c.relkind in ('r', 'p') and c.relname not like 'kysely\\_migration%'`;

/** Reads the tables, constraints, indexes, triggers and functions of the current schema. */
export async function readSchemaCatalog(db: Kysely<Database>): Promise<SchemaCatalog> {
  const columns = await sql<{
    table: string;
    column: string;
    type: string;
    base_type: string;
    is_array: boolean;
    nullable: boolean;
    default_expression: string | null;
    generated: string;
    identity: string;
  }>`select c.relname::text as table, a.attname::text as column,
      format_type(a.atttypid, a.atttypmod) as type,
      coalesce(e.typname, t.typname)::text as base_type, e.oid is not null as is_array,
      not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as default_expression,
      a.attgenerated::text as generated, a.attidentity::text as identity
    from pg_class c
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
    left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
    where ${ownTables}
    order by c.relname, a.attnum`.execute(db);
  const constraints = await sql<{
    table: string;
    name: string;
    kind: string;
    columns: string[] | null;
    definition: string;
  }>`select c.relname::text as table, k.conname::text as name, k.contype::text as kind,
      (select array_agg(a.attname::text order by key.position)
        from unnest(k.conkey) with ordinality as key(attnum, position)
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = key.attnum) as columns,
      pg_get_constraintdef(k.oid) as definition
    from pg_constraint k join pg_class c on c.oid = k.conrelid
    where ${ownTables} and k.contype in ('p', 'u', 'f', 'c', 'x')
    order by c.relname, k.conname`.execute(db);
  const indexes = await sql<CatalogIndex>`select c.relname::text as table, i.relname::text as name,
      pg_get_indexdef(x.indexrelid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
    where ${ownTables} and not exists (select 1 from pg_constraint k
      where k.conindid = x.indexrelid and k.conrelid = x.indrelid and k.contype in ('p', 'u', 'x'))
    order by c.relname, i.relname`.execute(db);
  const triggers = await sql<CatalogTrigger>`select c.relname::text as table,
      t.tgname::text as name, pg_get_triggerdef(t.oid) as definition
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where ${ownTables} and not t.tgisinternal
    order by c.relname, t.tgname`.execute(db);
  const functions = await sql<CatalogFunction>`select p.proname::text as name,
      pg_get_functiondef(p.oid) as definition
    from pg_proc p
    where p.pronamespace = (select oid from pg_namespace where nspname = current_schema())
    order by p.proname, pg_get_function_identity_arguments(p.oid)`.execute(db);
  return {
    columns: columns.rows.map((row) => ({
      table: row.table,
      column: row.column,
      type: row.type,
      baseType: row.base_type,
      isArray: row.is_array,
      nullable: row.nullable,
      defaultExpression: row.default_expression,
      generated: row.generated === 's' ? 'stored' : null,
      identity: identityKinds[row.identity] ?? null,
    })),
    constraints: constraints.rows.map((row) => ({
      table: row.table,
      name: row.name,
      kind: constraintKind(row.kind),
      columns: row.columns ?? [],
      definition: row.definition,
    })),
    indexes: indexes.rows,
    triggers: triggers.rows,
    functions: functions.rows,
  };
}
