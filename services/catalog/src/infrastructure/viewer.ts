import type { FastifyRequest } from 'fastify';
import type { Access } from '@kavosh/auth-client';

/** Who is reading: editors and admins see drafts and editorial fields. */
export interface Viewer {
  editor: boolean;
}

/** Who may edit the catalog: the access its editing routes declare. */
export const EDITORS = { roles: ['editor', 'admin'] } satisfies Access;

const EDITOR_ROLES: ReadonlySet<string> = new Set(EDITORS.roles);

/** The roles of EDITORS: whoever may edit also sees drafts. */
export const viewerOf = (request: FastifyRequest): Viewer => ({
  editor: request.identity?.roles.some((role) => EDITOR_ROLES.has(role)) ?? false,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
