import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { ADMINS } from '../infrastructure/access.js';
import {
  Plan,
  PlanCreateBody,
  PlanList,
  PlanListQuery,
  PlanParams,
  PlanPatchBody,
} from './schemas.js';
import type { PlansService } from './service.js';

const tags = ['plans'];
const adminErrors = {
  401: problemSchema('UNAUTHENTICATED'),
  403: problemSchema('FORBIDDEN: admins only'),
};

export const plansRoutes: FastifyPluginAsyncTypebox<{ plans: PlansService }> = async (
  app,
  { plans },
) => {
  app.get(
    '/',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The plans on sale, cheapest first (admins: ?includeArchived=true)',
        description:
          'Lists the subscription plans on sale with their price, interval, tier and trial; admins may include archived plans.',
        querystring: PlanListQuery,
        response: { 200: PlanList },
      },
    },
    async (req) =>
      plans.list({
        // Archived plans are an admin's concern; anyone else asking simply gets the plans on sale.
        includeArchived:
          req.query.includeArchived === true && (req.identity?.roles.includes('admin') ?? false),
      }),
  );

  app.post(
    '/',
    {
      config: { access: ADMINS },
      schema: {
        tags,
        summary: 'Create a plan (admin)',
        description: 'Creates a plan; it is on sale at once. A name in use is 409 PLAN_NAME_TAKEN.',
        body: PlanCreateBody,
        response: { 201: Plan, ...adminErrors, 409: problemSchema('PLAN_NAME_TAKEN') },
      },
    },
    async (req, reply) => {
      const plan = await plans.create(req.body);
      return reply.code(201).header('location', `plans/${plan.id}`).send(plan);
    },
  );

  app.patch(
    '/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags,
        summary: 'Change a plan (admin); a new price applies to new subscriptions only',
        description:
          "Changes a plan's name, price or trial. Existing subscriptions keep the price they signed up for.",
        params: PlanParams,
        body: PlanPatchBody,
        response: {
          200: Plan,
          ...adminErrors,
          404: problemSchema('PLAN_NOT_FOUND'),
          409: problemSchema('PLAN_NAME_TAKEN'),
        },
      },
    },
    async (req) => plans.update(req.params.id, req.body),
  );

  app.post(
    '/:id/archive',
    {
      config: { access: ADMINS },
      schema: {
        tags,
        summary: 'Take a plan off sale (admin); its subscriptions keep running',
        description:
          'Takes a plan off sale: it disappears from the list and cannot be checked out, while its subscriptions keep renewing.',
        params: PlanParams,
        response: { 200: Plan, ...adminErrors, 404: problemSchema('PLAN_NOT_FOUND') },
      },
    },
    async (req) => plans.archive(req.params.id),
  );

  app.delete(
    '/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags,
        summary: 'Delete a plan never sold (admin)',
        description:
          'Deletes a plan that was never sold; a plan with subscriptions is 409 PLAN_IN_USE (archive it instead).',
        params: PlanParams,
        response: {
          204: Type.Null(),
          ...adminErrors,
          404: problemSchema('PLAN_NOT_FOUND'),
          409: problemSchema('PLAN_IN_USE'),
        },
      },
    },
    async (req, reply) => {
      await plans.delete(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
