import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { closeObjects } from './validation.js';

describe('closeObjects', () => {
  it('closes nested object schemas that say nothing about additional properties', () => {
    const schema = Type.Object({
      title: Type.String(),
      cast: Type.Array(Type.Object({ personId: Type.String() })),
      meta: Type.Optional(Type.Object({ source: Type.String() })),
    });
    expect(closeObjects(schema)).toMatchObject({
      additionalProperties: false,
      properties: {
        cast: { items: { additionalProperties: false } },
        meta: { additionalProperties: false },
      },
    });
  });

  it('keeps what a schema says and does not change the original', () => {
    const open = Type.Object({ a: Type.String() }, { additionalProperties: true });
    expect(closeObjects(open)).toMatchObject({ additionalProperties: true });
    const plain = Type.Object({ a: Type.String() });
    closeObjects(plain);
    expect(plain).not.toHaveProperty('additionalProperties');
  });

  it('leaves the members of allOf open so an intersection still accepts their union', () => {
    const closed = closeObjects(
      Type.Intersect([Type.Object({ a: Type.String() }), Type.Object({ b: Type.String() })]),
    );
    expect(JSON.stringify(closed)).not.toContain('"additionalProperties":false');
  });

  it('closes each member of a union', () => {
    const closed = closeObjects(
      Type.Union([Type.Object({ a: Type.String() }), Type.Object({ b: Type.String() })]),
    );
    expect(closed).toMatchObject({
      anyOf: [{ additionalProperties: false }, { additionalProperties: false }],
    });
  });
});
