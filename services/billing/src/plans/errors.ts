import { AppError } from '@kavosh/service-kit';

/** An unknown plan, or (for buyers) an archived one: neither can be bought. */
export class PlanNotFound extends AppError {
  constructor(id: string) {
    super({
      status: 404,
      code: 'PLAN_NOT_FOUND',
      title: 'Plan not found',
      detail: `No plan on sale has the id ${id}.`,
    });
  }
}

export class PlanNameTaken extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'PLAN_NAME_TAKEN',
      title: 'Plan name taken',
      detail: 'Another plan has this name.',
    });
  }
}

export class PlanInUse extends AppError {
  constructor(subscriptions: number) {
    super({
      status: 409,
      code: 'PLAN_IN_USE',
      title: 'Plan in use',
      detail: `${subscriptions} subscription(s) were sold on this plan; archive it instead.`,
      extra: { subscriptions },
    });
  }
}
