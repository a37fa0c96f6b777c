import type { FastifyInstance } from 'fastify';
import { causeOf } from '../http/cause.js';
import { LIST_PARAMS, listPage, queryParams } from '../http/list.js';
import { initialMetadata, mergeMetadata, Params, type RawParams } from '../http/params.js';
import { invalidParam, noSuch } from '../http/stripe-error.js';
import { newId } from '../ids.js';
import type { Sandbox } from '../sandbox.js';
import type { CustomerRecord } from '../state.js';
import { cancelNow } from '../subscriptions/lifecycle.js';
import { representCustomer, representDeletedCustomer } from './representation.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** `''` unsets a field, as in Stripe; anything else must be a bounded string. */
function nullable(params: Params, key: string, maxLength: number, pattern?: RegExp) {
  const value = params.string(key, maxLength);
  if (value === undefined) return undefined;
  if (value === '') return null;
  if (pattern && !pattern.test(value))
    throw invalidParam(params.name(key), `Invalid ${key}: ${value}`, 'email_invalid');
  return value;
}

export function findCustomer(sandbox: Sandbox, id: string, param = 'id'): CustomerRecord {
  const customer = sandbox.state.customers.get(id);
  if (!customer || customer.deleted) throw noSuch('customer', id, param);
  return customer;
}

export function createCustomer(
  sandbox: Sandbox,
  fields: {
    email: string | null;
    name: string | null;
    description?: string | null;
    phone?: string | null;
    metadata: Record<string, string>;
  },
): CustomerRecord {
  const customer: CustomerRecord = {
    id: newId('cus', 14),
    created: sandbox.clock.now(),
    email: fields.email,
    name: fields.name,
    description: fields.description ?? null,
    phone: fields.phone ?? null,
    metadata: fields.metadata,
    invoicePrefix: newId('X', 6).slice(2).toUpperCase(),
    nextInvoiceSequence: 1,
    card: null,
    deleted: false,
  };
  sandbox.state.customers.set(customer.id, customer);
  return customer;
}

const FIELDS = ['email', 'name', 'description', 'phone', 'metadata'] as const;

export function customerRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  app.post('/v1/customers', async (request) => {
    const body = Params.of(request.body as RawParams).allowOnly(FIELDS);
    const customer = createCustomer(sandbox, {
      email: nullable(body, 'email', 512, EMAIL) ?? null,
      name: nullable(body, 'name', 256) ?? null,
      description: nullable(body, 'description', 350) ?? null,
      phone: nullable(body, 'phone', 20) ?? null,
      metadata: initialMetadata(body.metadata()),
    });
    const represented = representCustomer(customer);
    sandbox.emit('customer.created', represented, causeOf(request));
    return represented;
  });

  app.get('/v1/customers', async (request) => {
    const query = queryParams(request.query).allowOnly([...LIST_PARAMS, 'email']);
    const email = query.string('email', 512);
    const customers = [...sandbox.state.customers.values()].filter(
      (customer) => !customer.deleted && (email === undefined || customer.email === email),
    );
    return listPage(customers, query, '/v1/customers', 'customer', representCustomer);
  });

  app.get<{ Params: { id: string } }>('/v1/customers/:id', async (request) => {
    queryParams(request.query).allowOnly([]);
    const customer = sandbox.state.customers.get(request.params.id);
    if (!customer) throw noSuch('customer', request.params.id);
    // Stripe answers a deleted customer with its tombstone, not a 404.
    return customer.deleted ? representDeletedCustomer(customer) : representCustomer(customer);
  });

  app.post<{ Params: { id: string } }>('/v1/customers/:id', async (request) => {
    const customer = findCustomer(sandbox, request.params.id);
    const body = Params.of(request.body as RawParams).allowOnly(FIELDS);
    const before = representCustomer(customer);
    const email = nullable(body, 'email', 512, EMAIL);
    const name = nullable(body, 'name', 256);
    const description = nullable(body, 'description', 350);
    const phone = nullable(body, 'phone', 20);
    if (email !== undefined) customer.email = email;
    if (name !== undefined) customer.name = name;
    if (description !== undefined) customer.description = description;
    if (phone !== undefined) customer.phone = phone;
    customer.metadata = mergeMetadata(customer.metadata, body.metadata());
    const after = representCustomer(customer);
    const previous: Record<string, unknown> = {};
    for (const key of FIELDS) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key];
    }
    if (Object.keys(previous).length > 0) {
      sandbox.emit('customer.updated', after, causeOf(request), previous);
    }
    return after;
  });

  app.delete<{ Params: { id: string } }>('/v1/customers/:id', async (request) => {
    const customer = findCustomer(sandbox, request.params.id);
    const cause = causeOf(request);
    // Deleting a customer cancels its subscriptions at once, as at Stripe.
    for (const subscription of sandbox.state.subscriptions.values()) {
      if (subscription.customer === customer.id && subscription.status !== 'canceled') {
        cancelNow(sandbox, subscription, 'cancellation_requested', cause);
      }
    }
    const represented = representCustomer(customer);
    customer.deleted = true;
    customer.card = null;
    sandbox.emit('customer.deleted', represented, cause);
    return representDeletedCustomer(customer);
  });
}
