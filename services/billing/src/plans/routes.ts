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
