import ts from 'typescript';

// What src/store/schema.ts declares, read with the TypeScript compiler itself, so every alias
// (Timestamp, Json<T>, Generated<T>, ColumnType<S, I, U> …) is resolved as tsc resolves it.

/** What a column's selected value is, reduced to what the database can be compared with. */
export type DeclaredKind =
  'string' | 'number' | 'boolean' | 'Date' | 'string[]' | 'number[]' | 'json' | 'unknown';

export interface DeclaredColumn {
  /** The select type as tsc prints it, for messages. */
  text: string;
  /** A DeclaredKind, or what else it is (`mixed: string | number`, a type tsc printed). */
  kind: string;
  /** The string literals of a union such as 'open' | 'closed'; empty for plain string. */
  literals: string[];
  /** Whether null can be selected; `unknown` (a JSON column typed unknown) can be either. */
  nullable: boolean | 'either';
  /** May an insert leave it out (Generated, a default), must it, or may it not set it at all. */
  insert: 'required' | 'optional' | 'never';
}

export type DeclaredSchema = Record<string, Record<string, DeclaredColumn>>;

/** Reads the `Database` interface of a schema file: table → column → declared column. */
export function readDeclaredSchema(schemaPath: string): DeclaredSchema {
  const program = ts.createProgram([schemaPath], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(schemaPath);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const database = moduleSymbol
    ? checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === 'Database')
    : undefined;
  if (!database) throw new Error(`${schemaPath} exports no Database interface`);
  const schema: DeclaredSchema = {};
  for (const table of checker.getDeclaredTypeOfSymbol(database).getProperties()) {
    const columns: Record<string, DeclaredColumn> = {};
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      columns[column.name] = describeColumn(checker, checker.getTypeOfSymbol(column));
    }
    schema[table.name] = columns;
  }
  return schema;
}

function describeColumn(checker: ts.TypeChecker, type: ts.Type): DeclaredColumn {
  // Kysely's ColumnType<S, I, U> is { __select__: S; __insert__: I; __update__: U }.
  const selectSymbol = type.getProperty('__select__');
  const insertSymbol = type.getProperty('__insert__');
  const select = selectSymbol ? checker.getTypeOfSymbol(selectSymbol) : type;
  const insert = insertSymbol ? checker.getTypeOfSymbol(insertSymbol) : type;
  const members = select.isUnion() ? select.types : [select];
  const isNull = (member: ts.Type) => (member.flags & ts.TypeFlags.Null) !== 0;
  const values = members.filter((member) => !isNull(member));
  const kinds = [...new Set(values.map((member) => kindOf(checker, member)))];
  const literals = values.filter((member) => member.isStringLiteral()).map((m) => m.value);
  const kind = kinds.length === 1 ? kinds[0]! : `mixed: ${kinds.join(' | ')}`;
  return {
    text: checker.typeToString(select),
    kind,
    literals: literals.length === values.length ? literals.sort() : [],
    nullable: kind === 'unknown' ? 'either' : members.some(isNull),
    insert: insertKind(insert),
  };
}

function insertKind(insert: ts.Type): DeclaredColumn['insert'] {
  if (insert.flags & ts.TypeFlags.Never) return 'never';
  const members = insert.isUnion() ? insert.types : [insert];
  return members.some((member) => member.flags & ts.TypeFlags.Undefined) ? 'optional' : 'required';
}

function kindOf(checker: ts.TypeChecker, type: ts.Type): string {
  if (type.flags & ts.TypeFlags.StringLike) return 'string';
  if (type.flags & ts.TypeFlags.NumberLike) return 'number';
  if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  if (type.flags & ts.TypeFlags.Unknown) return 'unknown';
  if (type.getSymbol()?.name === 'Date') return 'Date';
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    const elementKind = element ? kindOf(checker, element) : 'unknown';
    if (elementKind === 'string') return 'string[]';
    if (elementKind === 'number') return 'number[]';
    return 'json';
  }
  if (type.flags & ts.TypeFlags.Object) return 'json';
  return checker.typeToString(type);
}
