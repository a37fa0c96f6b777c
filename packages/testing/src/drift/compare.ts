import type { ForeignKeyShape, IndexShape, SchemaShape, TableShape } from './shape.js';

const IGNORED_TABLES = new Set(['_prisma_migrations']);
const FORGOT = '(did you forget a migration?)';

/** Human-readable differences between what schema.prisma expects and what the database has. */
export function compareShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const [name, want] of expected) {
    const have = actual.get(name);
    if (have === undefined)
      out.push(`table ${name}: in schema.prisma, missing in the database ${FORGOT}`);
    else compareTable(want, have, out);
  }
  for (const name of actual.keys()) {
    if (!expected.has(name) && !IGNORED_TABLES.has(name))
      out.push(`table ${name}: in the database, not in schema.prisma`);
  }
  return out;
}

function compareTable(want: TableShape, have: TableShape, out: string[]): void {
  const t = want.name;
  for (const [name, col] of want.columns) {
    const got = have.columns.get(name);
    if (got === undefined) {
      out.push(`column ${t}.${name}: in schema.prisma, missing in the database ${FORGOT}`);
      continue;
    }
    if (col.type !== got.type)
      out.push(
        `column ${t}.${name}: type ${col.type} in schema.prisma, ${got.type} in the database`,
      );
    if (col.nullable !== got.nullable)
      out.push(
        `column ${t}.${name}: ${nullability(col.nullable)} in schema.prisma, ${nullability(got.nullable)} in the database`,
      );
    if (col.autoIncrement !== got.autoIncrement) {
      out.push(
        `column ${t}.${name}: ${col.autoIncrement ? 'AUTO_INCREMENT' : 'no AUTO_INCREMENT'} in schema.prisma, ${got.autoIncrement ? 'AUTO_INCREMENT' : 'none'} in the database`,
      );
    }
    if (col.hasDefault !== got.hasDefault && !col.autoIncrement) {
      out.push(
        `column ${t}.${name}: ${col.hasDefault ? 'a default' : 'no default'} in schema.prisma, ${got.hasDefault ? 'a default' : 'no default'} in the database`,
      );
    }
  }
  for (const name of have.columns.keys()) {
    if (!want.columns.has(name))
      out.push(`column ${t}.${name}: in the database, not in schema.prisma`);
  }
  if (list(want.primaryKey) !== list(have.primaryKey)) {
    out.push(
      `primary key of ${t}: (${list(want.primaryKey)}) in schema.prisma, (${list(have.primaryKey)}) in the database`,
    );
  }
  compareIndexes(want, have, out);
  compareForeignKeys(want, have, out);
}

function compareIndexes(want: TableShape, have: TableShape, out: string[]): void {
  const t = want.name;
  for (const [name, index] of want.indexes) {
    const got = have.indexes.get(name);
    if (got === undefined)
      out.push(
        `index ${t}.${name}: in schema.prisma (${describeIndex(index)}), missing in the database ${FORGOT}`,
      );
    else if (describeIndex(index) !== describeIndex(got)) {
      out.push(
        `index ${t}.${name}: ${describeIndex(index)} in schema.prisma, ${describeIndex(got)} in the database`,
      );
    }
  }
  for (const [name, index] of have.indexes) {
    // MySQL creates an index named after a foreign key when no other index covers its columns.
    if (want.indexes.has(name) || have.foreignKeys.has(name)) continue;
    out.push(`index ${t}.${name}: in the database (${describeIndex(index)}), not in schema.prisma`);
  }
}

function compareForeignKeys(want: TableShape, have: TableShape, out: string[]): void {
  const t = want.name;
  for (const [name, fk] of want.foreignKeys) {
    const got = have.foreignKeys.get(name);
    if (got === undefined)
      out.push(
        `foreign key ${t}.${name}: in schema.prisma (${describeFk(fk)}), missing in the database ${FORGOT}`,
      );
    else if (describeFk(fk) !== describeFk(got))
      out.push(
        `foreign key ${t}.${name}: ${describeFk(fk)} in schema.prisma, ${describeFk(got)} in the database`,
      );
  }
  for (const [name, fk] of have.foreignKeys) {
    if (!want.foreignKeys.has(name))
      out.push(
        `foreign key ${t}.${name}: in the database (${describeFk(fk)}), not in schema.prisma`,
      );
  }
}

const list = (columns: string[]): string => columns.join(', ');
const nullability = (nullable: boolean): string => (nullable ? 'NULL' : 'NOT NULL');
const describeIndex = (i: IndexShape): string => `${i.kind} on (${list(i.columns)})`;
const describeFk = (f: ForeignKeyShape): string =>
  `(${list(f.columns)}) → ${f.referencedTable}(${list(f.referencedColumns)}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
