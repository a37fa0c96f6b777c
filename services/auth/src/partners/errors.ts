import { AppError } from '@kavosh/service-kit';

export class PartnerKeyNotFound extends AppError {
  constructor() {
    super({ status: 404, code: 'PARTNER_KEY_NOT_FOUND', title: 'Partner key not found' });
  }
}

export class PartnerKeyExpiryInvalid extends AppError {
  constructor(maxDays: number) {
    super({
      status: 400,
      code: 'PARTNER_KEY_EXPIRY_INVALID',
      title: 'Invalid expiry',
      detail: `expiresAt must be in the future and at most ${maxDays} days away.`,
    });
  }
}

/** 409: a revoked or expired key is never brought back, not even by a rotation. */
export class PartnerKeyInactive extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'PARTNER_KEY_INACTIVE',
      title: 'Partner key inactive',
      detail: 'A revoked or expired key cannot be rotated; create a new one.',
    });
  }
}

/** 503: no PARTNER_KEY_PEPPER in production, so no secret can be hashed. */
export class PartnerKeysDisabled extends AppError {
  constructor() {
    super({
      status: 503,
      code: 'PARTNER_KEYS_DISABLED',
      title: 'Partner keys disabled',
      detail: 'Partner keys are not configured on this deployment.',
    });
  }
}
