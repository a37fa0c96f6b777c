import { Type, type TProperties, type TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { findBreakingChanges } from './compat.js';

// A released fixture, and edits of it that each rebuild the schema with one change.
const FIELDS: TProperties = {
  userId: Type.String({ format: 'uuid', maxLength: 36 }),
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  role: Type.Enum(['user', 'editor', 'admin']),
  tier: Type.Literal('premium'),
  count: Type.Integer({ minimum: 0, maximum: 1000 }),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  tags: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }),
  amount: Type.Object(
    { amountMinor: Type.Integer({ minimum: 0 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) },
    { additionalProperties: false },
  ),
  note: Type.Optional(Type.String({ maxLength: 200 })),
  meta: Type.Object({ origin: Type.String() }),
};

function build(fields: TProperties): TSchema {
  return Type.Object(
    {
      specversion: Type.Literal('1.0'),
      data: Type.Object(fields, { additionalProperties: false }),
    },
    { additionalProperties: false },
  );
}

function edit(change: TProperties, options: { drop?: string[] } = {}): TSchema {
  const fields: TProperties = { ...FIELDS, ...change };
  for (const name of options.drop ?? []) delete fields[name];
  return build(fields);
}

const RELEASED = build(FIELDS);

describe('findBreakingChanges', () => {
  it('reports nothing for an identical schema', () => {
    expect(findBreakingChanges(RELEASED, build(FIELDS))).toEqual([]);
  });

  it('reports nothing when an optional property is added', () => {
    expect(findBreakingChanges(RELEASED, edit({ added: Type.Optional(Type.String()) }))).toEqual(
      [],
    );
  });

  it('reports nothing when bounds are relaxed, an enum grows or a field becomes nullable', () => {
    const relaxed = edit({
      displayName: Type.String({ minLength: 0, maxLength: 200 }),
      role: Type.Enum(['user', 'editor', 'admin', 'moderator']),
      count: Type.Integer({ minimum: 0, maximum: 5000 }),
      userId: Type.Union([Type.String({ format: 'uuid', maxLength: 36 }), Type.Null()]),
    });
    expect(findBreakingChanges(RELEASED, relaxed)).toEqual([]);
  });

  const breaking: [string, TSchema, string][] = [
    ['a removed property', edit({}, { drop: ['note'] }), '/data/note: property removed'],
    [
      'a renamed property (removed + added)',
      edit({ name: FIELDS.displayName ?? Type.String() }, { drop: ['displayName'] }),
      'displayName: property removed',
    ],
    [
      'an optional property that became required',
      edit({ note: Type.String({ maxLength: 200 }) }),
      'note: became required',
    ],
    ['a new required property', edit({ added: Type.String() }), 'added: added as required'],
    [
      'a changed type',
      edit({ count: Type.String() }),
      'count: type changed from "integer" to "string"',
    ],
    [
      'a changed format',
      edit({ userId: Type.String({ format: 'email', maxLength: 36 }) }),
      'userId: format changed',
    ],
    [
      'a narrowed enum',
      edit({ role: Type.Enum(['user', 'admin']) }),
      'role: enum narrowed: ["editor"]',
    ],
    [
      'a changed const',
      edit({ tier: Type.Literal('free') }),
      'tier: const changed from "premium" to "free"',
    ],
    [
      'a lowered maxLength',
      edit({ displayName: Type.String({ minLength: 1, maxLength: 50 }) }),
      'displayName: maxLength lowered from 100 to 50',
    ],
    [
      'a lowered maximum',
      edit({ count: Type.Integer({ minimum: 0, maximum: 10 }) }),
      'count: maximum lowered from 1000 to 10',
    ],
    [
      'a raised minLength',
      edit({ displayName: Type.String({ minLength: 3, maxLength: 100 }) }),
      'displayName: minLength raised from 1 to 3',
    ],
    [
      'a raised minimum',
      edit({ count: Type.Integer({ minimum: 1, maximum: 1000 }) }),
      'count: minimum raised from 0 to 1',
    ],
    [
      'a lowered maxItems',
      edit({ tags: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 5 }) }),
      'tags: maxItems lowered from 10 to 5',
    ],
    [
      'a narrowed array item',
      edit({ tags: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 10 }) }),
      'tags/items: maxLength lowered',
    ],
    [
      'a nested change',
      edit({
        amount: Type.Object(
          {
            amountMinor: Type.Number({ minimum: 0 }),
            currency: Type.String({ pattern: '^[A-Z]{3}$' }),
          },
          { additionalProperties: false },
        ),
      }),
      'amount/amountMinor: type changed',
    ],
    [
      'a changed pattern',
      edit({
        amount: Type.Object(
          {
            amountMinor: Type.Integer({ minimum: 0 }),
            currency: Type.String({ pattern: '^[A-Z]{2}$' }),
          },
          { additionalProperties: false },
        ),
      }),
      'currency: pattern changed',
    ],
    [
      'a nullable field that lost null',
      edit({ parentId: Type.String({ format: 'uuid' }) }),
      'parentId: anyOf option 1 {"type":"null"} removed or narrowed',
    ],
    [
      'tightened additionalProperties',
      edit({ meta: Type.Object({ origin: Type.String() }, { additionalProperties: false }) }),
      'meta: additionalProperties tightened to false',
    ],
    [
      'an unknown keyword that changed',
      edit({
        tags: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10, contains: Type.String() }),
      }),
      'tags: keyword contains changed',
    ],
  ];

  it.each(breaking)('reports %s', (_name, current, expected) => {
    const breaks = findBreakingChanges(RELEASED, current);
    expect(breaks.join('\n')).toContain(expected);
  });

  it('reports a removed type of the whole schema at the root pointer', () => {
    expect(findBreakingChanges(RELEASED, Type.String())).toContain(
      '/: type changed from "object" to "string"',
    );
  });
});
