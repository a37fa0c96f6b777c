import type { FastifyRequest } from 'fastify';

/** Who is reading: editors and admins see drafts and editorial fields. */
export interface Viewer {
  editor: boolean;
}

export const viewerOf = (request: FastifyRequest): Viewer => ({
  editor: request.identity?.roles.some((r) => r === 'editor' || r === 'admin') ?? false,
});

/** Roles allowed to edit the catalog. */
export const EDITOR_ROLES = ['editor', 'admin'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
