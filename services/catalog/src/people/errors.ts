import { AppError } from '@kavosh/service-kit';

export class PersonNotFound extends AppError {
  constructor(id: string) {
    super({
      status: 404,
      code: 'PERSON_NOT_FOUND',
      title: 'Person not found',
      detail: `No person has the id ${id}.`,
    });
  }
}

export class PersonInUse extends AppError {
  constructor(credits: number) {
    super({
      status: 409,
      code: 'PERSON_IN_USE',
      title: 'Person in use',
      detail: `${credits} credit(s) name this person; remove them from those movies first.`,
      extra: { credits },
    });
  }
}
