import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemSchema } from '@kavosh/service-kit';
import { Type } from 'typebox';
import { etagOf, IfMatchHeaders } from '../infrastructure/version-etag.js';
import { EDITORS, viewerOf } from '../infrastructure/viewer.js';
import {
  PeoplePage,
  PeopleQuery,
  Person,
  PersonCreateBody,
  PersonDetail,
  PersonParams,
  PersonPatchBody,
} from './schemas.js';
import type { PeopleService } from './service.js';

const tags = ['people'];
const editorOnly = { config: { access: EDITORS } };
const editorErrors = {
  401: problemSchema('UNAUTHENTICATED'),
  403: problemSchema('FORBIDDEN: editors and admins only'),
  404: problemSchema('PERSON_NOT_FOUND'),
};

export const peopleRoutes: FastifyPluginAsyncTypebox<{ people: PeopleService }> = async (
  app,
  { people },
) => {
  app.get(
    '/',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Find people by name prefix (editor), for picking credits',
        description:
          'Editors search people by the start of their name, to pick credits when editing a movie.',
        querystring: PeopleQuery,
        response: { 200: PeoplePage, 400: problemSchema('INVALID_CURSOR'), ...editorErrors },
      },
    },
    async (req) => people.list(req.query),
  );

  app.get(
    '/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A person and their filmography of published movies',
        description: 'A person with their biography and the published movies they are credited in.',
        params: PersonParams,
        response: { 200: PersonDetail, 404: problemSchema('PERSON_NOT_FOUND') },
      },
    },
    async (req, reply) => {
      const person = await people.get(req.params.id, viewerOf(req));
      return reply.header('etag', etagOf(person.version)).send(person);
    },
  );

  app.post(
    '/',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Create a person (editor)',
        description: 'Creates a person that movies can credit.',
        body: PersonCreateBody,
        response: { 201: Person, ...editorErrors },
      },
    },
    async (req, reply) => {
      const person = await people.create(req.body);
      return reply
        .code(201)
        .header('location', `people/${person.id}`)
        .header('etag', etagOf(person.version))
        .send(person);
    },
  );

  app.patch(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Change a person (editor); If-Match required; a new name is searchable at once',
        description:
          'Changes a person; If-Match must hold the ETag read with GET. A new name is searchable at once.',
        params: PersonParams,
        headers: IfMatchHeaders,
        body: PersonPatchBody,
        response: {
          200: Person,
          ...editorErrors,
          412: problemSchema('VERSION_MISMATCH'),
          428: problemSchema('PRECONDITION_REQUIRED'),
        },
      },
    },
    async (req, reply) => {
      const person = await people.update(req.params.id, req.body, req.headers['if-match']);
      return reply.header('etag', etagOf(person.version)).send(person);
    },
  );

  app.delete(
    '/:id',
    {
      ...editorOnly,
      schema: {
        tags,
        summary: 'Delete a person no movie credits (editor)',
        description: 'Deletes a person no movie credits; a credited person is 409.',
        params: PersonParams,
        headers: IfMatchHeaders,
        response: {
          204: Type.Null(),
          ...editorErrors,
          409: problemSchema('PERSON_IN_USE'),
          412: problemSchema('VERSION_MISMATCH'),
        },
      },
    },
    async (req, reply) => {
      await people.delete(req.params.id, req.headers['if-match']);
      return reply.code(204).send(null);
    },
  );
};
