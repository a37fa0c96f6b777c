// Reports the changes between a released JSON Schema and the current one that could reject an
// event the released schema accepted (so old events in queues, DLQs and outboxes would stop
// validating) or that remove a field someone reads. A loosening (optional field added, bound
// relaxed, enum value added) passes. Only the keywords our TypeBox schemas use are understood;
// any other keyword that changes is reported, so the checker fails safe.

type Json = Record<string, unknown>;

const HANDLED = new Set([
  'type',
  'format',
  'const',
  'enum',
  'pattern',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'uniqueItems',
  'title',
  'description',
  'maxLength',
  'maximum',
  'exclusiveMaximum',
  'maxItems',
  'minLength',
  'minimum',
  'exclusiveMinimum',
  'minItems',
]);
const UPPER_BOUNDS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems'];
const LOWER_BOUNDS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems'];

/** Lists the breaking changes from `released` to `current`, as `<property path>: <what>` (`/data/userId: property removed`). */
export function findBreakingChanges(released: unknown, current: unknown, path = ''): string[] {
  const at = path || '/';
  if (!isObject(released) || !isObject(current)) {
    return equal(released, current) ? [] : [`${at}: schema changed`];
  }
  const breaks: string[] = [];
  const report = (what: string) => breaks.push(`${at}: ${what}`);

  if ('anyOf' in released || 'anyOf' in current) {
    return [...breaks, ...compareUnions(released, current, path)];
  }
  if (!equal(released.type, current.type)) {
    report(`type changed from ${show(released.type)} to ${show(current.type)}`);
  }
  for (const key of ['format', 'pattern', 'const']) {
    if (key in current && !equal(released[key], current[key])) {
      report(`${key} changed from ${show(released[key])} to ${show(current[key])}`);
    }
  }
  if (Array.isArray(current.enum)) {
    const allowed = current.enum;
    const lost = Array.isArray(released.enum)
      ? released.enum.filter((value) => !allowed.some((v) => equal(v, value)))
      : ['(any value)'];
    if (lost.length > 0) report(`enum narrowed: ${show(lost)} no longer allowed`);
  }
  for (const key of UPPER_BOUNDS) {
    const [before, after] = [numberAt(released, key), numberAt(current, key)];
    if (after !== undefined && (before === undefined || after < before)) {
      report(`${key} lowered from ${before ?? 'none'} to ${after}`);
    }
  }
  for (const key of LOWER_BOUNDS) {
    const [before, after] = [numberAt(released, key), numberAt(current, key)];
    if (after !== undefined && (before === undefined || after > before)) {
      report(`${key} raised from ${before ?? 'none'} to ${after}`);
    }
  }
  if (current.uniqueItems === true && released.uniqueItems !== true) report('uniqueItems added');
  if (current.additionalProperties === false && released.additionalProperties !== false) {
    report('additionalProperties tightened to false');
  }
  if ('items' in released || 'items' in current) {
    breaks.push(...findBreakingChanges(released.items, current.items, `${path}/items`));
  }
  breaks.push(...compareProperties(released, current, path));
  for (const key of new Set([...Object.keys(released), ...Object.keys(current)])) {
    if (!HANDLED.has(key) && !equal(released[key], current[key])) {
      report(`keyword ${key} changed (not understood by the checker)`);
    }
  }
  return breaks;
}

function compareProperties(released: Json, current: Json, path: string): string[] {
  const breaks: string[] = [];
  const before = isObject(released.properties) ? released.properties : {};
  const after = isObject(current.properties) ? current.properties : {};
  const wasRequired = new Set(stringsAt(released, 'required'));
  for (const name of Object.keys(before)) {
    if (!(name in after)) breaks.push(`${path}/${name}: property removed`);
    else breaks.push(...findBreakingChanges(before[name], after[name], `${path}/${name}`));
  }
  for (const name of stringsAt(current, 'required')) {
    if (!wasRequired.has(name)) {
      breaks.push(`${path}/${name}: ${name in before ? 'became required' : 'added as required'}`);
    }
  }
  return breaks;
}

// Every option the released union accepted must still be accepted, unchanged, by some option.
function compareUnions(released: Json, current: Json, path: string): string[] {
  const before = Array.isArray(released.anyOf) ? released.anyOf : [released];
  const after = Array.isArray(current.anyOf) ? current.anyOf : [current];
  const breaks: string[] = [];
  before.forEach((option, index) => {
    const kept = after.some(
      (candidate) => findBreakingChanges(option, candidate, path).length === 0,
    );
    if (!kept)
      breaks.push(`${path || '/'}: anyOf option ${index} ${show(option)} removed or narrowed`);
  });
  return breaks;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberAt(schema: Json, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

function stringsAt(schema: Json, key: string): string[] {
  const value = schema[key];
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
