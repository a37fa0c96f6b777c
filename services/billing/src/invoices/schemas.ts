import { Type, type Static } from 'typebox';
import { UserIdQueryField } from '../infrastructure/access.js';
import { CursorField, LimitField } from '../infrastructure/cursor.js';

const Time = Type.String({ format: 'date-time' });
const Amount = Type.Object(
  { amountMinor: Type.Integer(), currency: Type.String() },
  { additionalProperties: false },
);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const Invoice = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    subscriptionId: Nullable(Type.String()),
    description: Type.String(),
    amount: Amount,
    periodStart: Time,
    periodEnd: Time,
    status: Type.String({ description: 'paid or open' }),
    customerName: Nullable(Type.String()),
    customerEmail: Nullable(Type.String()),
    issuedAt: Time,
    paidAt: Nullable(Time),
  },
  { additionalProperties: false },
);
export type Invoice = Static<typeof Invoice>;

export const InvoicePage = Type.Object(
  { items: Type.Array(Invoice), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type InvoicePage = Static<typeof InvoicePage>;

export const Payment = Type.Object(
  {
    id: Type.String(),
    subscriptionId: Nullable(Type.String()),
    invoiceId: Nullable(Type.String()),
    status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
    amount: Amount,
    reason: Nullable(Type.String()),
    at: Time,
  },
  { additionalProperties: false },
);
export type Payment = Static<typeof Payment>;

export const PaymentPage = Type.Object(
  { items: Type.Array(Payment), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type PaymentPage = Static<typeof PaymentPage>;

export const ListQuery = Type.Object(
  { cursor: CursorField, limit: LimitField, userId: UserIdQueryField },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const InvoiceParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);
