import { getDMMF } from '@prisma/get-dmmf';
import type {
  ColumnShape,
  ForeignKeyShape,
  IndexKind,
  IndexShape,
  SchemaShape,
  TableShape,
} from './shape.js';

type Dmmf = Exclude<Awaited<ReturnType<typeof getDMMF>>, { type: 'wasm-error' | 'parse-json' }>;
type Datamodel = Dmmf['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];

// Prisma's MySQL column types for scalars without a @db.* attribute.
const SCALAR_TYPES: Record<string, string> = {
  String: 'varchar(191)',
  Int: 'int',
  BigInt: 'bigint',
  Boolean: 'tinyint(1)',
  DateTime: 'datetime(3)',
  Float: 'double',
  Decimal: 'decimal(65,30)',
  Json: 'json',
  Bytes: 'longblob',
};

const ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

// MySQL's identifier limit; Prisma shortens generated names to fit it, keeping the suffix.
const MAX_NAME = 64;

/** What the database should look like according to schema.prisma. */
export async function expectedShape(datamodel: string): Promise<SchemaShape> {
  const dmmf = await getDMMF({ datamodel });
  if ('type' in dmmf) throw new Error(`schema.prisma does not parse: ${dmmf.error.message}`);
  const { models, enums, indexes } = dmmf.datamodel;
  const enumTypes = new Map(
    enums.map((e) => [e.name, `enum(${e.values.map((v) => `'${v.dbName ?? v.name}'`).join(',')})`]),
  );
  const byName = new Map(models.map((m) => [m.name, m]));
  const shape: SchemaShape = new Map();
  for (const model of models) {
    const table = tableName(model);
    const columnOf = (fieldName: string) => columnName(model, fieldName);
    const columns = new Map<string, ColumnShape>();
    for (const field of model.fields) {
      if (field.kind !== 'scalar' && field.kind !== 'enum') continue;
      const name = field.dbName ?? field.name;
      columns.set(name, {
        name,
        type: field.kind === 'enum' ? (enumTypes.get(field.type) ?? 'enum') : columnType(field),
        nullable: !field.isRequired,
        autoIncrement: isDefault(field, 'autoincrement'),
        hasDefault: hasDatabaseDefault(field),
      });
    }
    const primaryKey = model.primaryKey
      ? model.primaryKey.fields.map(columnOf)
      : model.fields.filter((f) => f.isId).map((f) => f.dbName ?? f.name);
    const tableIndexes = new Map<string, IndexShape>();
    for (const index of indexes.filter((i) => i.model === model.name && i.type !== 'id')) {
      const kind: IndexKind =
        index.type === 'unique' ? 'unique' : index.type === 'fulltext' ? 'fulltext' : 'normal';
      const cols = index.fields.map((f) => columnOf(f.name));
      const name = index.dbName ?? defaultName(table, cols, kind === 'unique' ? 'key' : 'idx');
      tableIndexes.set(name, { name, columns: cols, kind });
    }
    const foreignKeys = new Map<string, ForeignKeyShape>();
    for (const field of model.fields) {
      if (field.kind !== 'object' || !field.relationFromFields?.length) continue;
      const target = byName.get(field.type);
      if (target === undefined) continue;
      const cols = field.relationFromFields.map(columnOf);
      const name =
        relationMapName(datamodel, model.name, field.name) ?? defaultName(table, cols, 'fkey');
      foreignKeys.set(name, {
        name,
        columns: cols,
        referencedTable: tableName(target),
        referencedColumns: (field.relationToFields ?? []).map((f) => columnName(target, f)),
        onDelete:
          ACTIONS[String(field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull'))] ??
          '?',
        onUpdate: ACTIONS[String(relationOnUpdate(field) ?? 'Cascade')] ?? '?',
      });
    }
    const shapeOfTable: TableShape = {
      name: table,
      columns,
      primaryKey,
      indexes: tableIndexes,
      foreignKeys,
    };
    shape.set(table, shapeOfTable);
  }
  return shape;
}

const tableName = (model: Model): string => model.dbName ?? model.name;

function columnName(model: Model, fieldName: string): string {
  const field = model.fields.find((f) => f.name === fieldName);
  return field?.dbName ?? fieldName;
}

function columnType(field: Field): string {
  const native = field.nativeType;
  if (!native) return SCALAR_TYPES[field.type] ?? field.type.toLowerCase();
  const [name, args] = native;
  return nativeType(name, args);
}

function nativeType(name: string, args: readonly string[]): string {
  const unsigned = /^Unsigned(.+)$/.exec(name);
  if (unsigned?.[1]) return `${nativeType(unsigned[1], args)} unsigned`;
  const lower = name.toLowerCase();
  if (args.length === 0) return lower;
  // DATETIME(0), TIME(0) and TIMESTAMP(0) are printed without the precision.
  if (/^(datetime|timestamp|time)$/.test(lower) && args[0] === '0') return lower;
  return `${lower}(${args.join(',')})`;
}

function isDefault(field: Field, fn: string): boolean {
  const d = field.default;
  return typeof d === 'object' && d !== null && 'name' in d && d.name === fn;
}

// uuid(), cuid(), nanoid() and ulid() are filled in by the client; literals, now() and
// dbgenerated() become a DEFAULT in the table.
function hasDatabaseDefault(field: Field): boolean {
  if (!field.hasDefaultValue || field.default === undefined) return false;
  const d = field.default;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return true;
  return 'name' in d && (d.name === 'now' || d.name === 'dbgenerated');
}

function relationOnUpdate(field: Field): unknown {
  return 'relationOnUpdate' in field ? field.relationOnUpdate : undefined;
}

function defaultName(table: string, columns: string[], suffix: string): string {
  const base = `${table}_${columns.join('_')}`;
  const room = MAX_NAME - suffix.length - 1;
  return `${base.length > room ? base.slice(0, room) : base}_${suffix}`;
}

// The DMMF does not carry @relation(map: "…"); read it from the model's source text.
function relationMapName(
  datamodel: string,
  modelName: string,
  fieldName: string,
): string | undefined {
  const model = new RegExp(`^\\s*model\\s+${modelName}\\s*\\{([\\s\\S]*?)^\\s*\\}`, 'm').exec(
    datamodel,
  )?.[1];
  const line = model?.split('\n').find((l) => new RegExp(`^\\s*${fieldName}\\s`).test(l));
  return line ? /@relation\([^)]*\bmap:\s*"([^"]+)"/.exec(line)?.[1] : undefined;
}
