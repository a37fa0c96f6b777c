/** The parts of a MySQL schema that checkDrift compares, read from schema.prisma or from the database. */
export interface ColumnShape {
  name: string;
  /** Normalized COLUMN_TYPE: 'varchar(191)', 'int unsigned', "enum('a','b')". */
  type: string;
  nullable: boolean;
  autoIncrement: boolean;
  hasDefault: boolean;
}

export type IndexKind = 'unique' | 'normal' | 'fulltext';

export interface IndexShape {
  name: string;
  columns: string[];
  kind: IndexKind;
}

export type ReferentialAction = 'CASCADE' | 'RESTRICT' | 'NO ACTION' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKeyShape {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  name: string;
  columns: Map<string, ColumnShape>;
  primaryKey: string[];
  indexes: Map<string, IndexShape>;
  foreignKeys: Map<string, ForeignKeyShape>;
}

export type SchemaShape = Map<string, TableShape>;

const INTEGER = /^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/;

/**
 * One spelling per type across MariaDB 10.11 and MySQL 8.4: MariaDB prints integer display widths
 * (int(11)) and MySQL does not, except for tinyint(1), which both keep and Boolean relies on.
 */
export function normalizeType(columnType: string): string {
  const t = columnType
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ zerofill$/, '');
  if (t.startsWith('tinyint(1)')) return t;
  return t.replace(INTEGER, '$1');
}
