import type { FastifyRequest } from 'fastify';
import type { Access } from '@kavosh/auth-client';

/** Who is reading: editors and admins see drafts and editorial fields. */
export interface Viewer {
  editor: boolean;
}

export const viewerOf = (request: FastifyRequest): Viewer => ({
  editor: request.identity?.roles.some((r) => r === 'editor' || r === 'admin') ?? false,
});

/** Who may edit the catalog: the access its editing routes declare. */
export const EDITORS = { roles: ['editor', 'admin'] } satisfies Access;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
