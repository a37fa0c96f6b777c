import { AppError, HEADER_VALUE_PATTERN } from '@kavosh/service-kit';
import { Type } from 'typebox';

/** 428: a write to a versioned resource must say which version it read. */
export class PreconditionRequired extends AppError {
  constructor() {
    super({
      status: 428,
      code: 'PRECONDITION_REQUIRED',
      title: 'If-Match required',
      detail: 'Send If-Match with the ETag of the version you read (GET it first).',
    });
  }
}

/** 412: the resource changed since the client read it. */
export class VersionMismatch extends AppError {
  constructor(currentVersion: number) {
    super({
      status: 412,
      code: 'VERSION_MISMATCH',
      title: 'Version mismatch',
      detail: 'The resource changed since you read it; GET it again and reapply your change.',
      extra: { currentEtag: etagOf(currentVersion) },
    });
  }
}

/** The strong validator of an editable row: its optimistic-concurrency version. */
export const etagOf = (version: number): string => `"v${version}"`;

const STRONG_VERSION = /^"v(\d{1,9})"$/;

/**
 * The versions an If-Match header accepts, or null for `*` (any). Weak validators never match
 * (If-Match uses strong comparison, RFC 9110 §13.1.1); a missing header throws 428.
 */
export function acceptedVersions(ifMatch: string | undefined): number[] | null {
  if (ifMatch === undefined || ifMatch.trim() === '') throw new PreconditionRequired();
  if (ifMatch.trim() === '*') return null;
  return ifMatch
    .split(',')
    .map((tag) => STRONG_VERSION.exec(tag.trim())?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

/** Throws 412 unless the If-Match versions include `current`; 428 when there is no header. */
export function assertVersion(ifMatch: string | undefined, current: number): void {
  const accepted = acceptedVersions(ifMatch);
  if (accepted !== null && !accepted.includes(current)) throw new VersionMismatch(current);
}

/** Like assertVersion, but a request without If-Match is allowed (publish, delete). */
export function assertVersionIfGiven(ifMatch: string | undefined, current: number): void {
  if (ifMatch !== undefined) assertVersion(ifMatch, current);
}

/** The If-Match header of a versioned write; other headers pass (the schema names this one). */
export const IfMatchHeaders = Type.Object(
  {
    'if-match': Type.Optional(
      Type.String({
        maxLength: 200,
        pattern: HEADER_VALUE_PATTERN,
        description: 'the ETag read with GET, e.g. "v3"',
      }),
    ),
  },
  { additionalProperties: true },
);
