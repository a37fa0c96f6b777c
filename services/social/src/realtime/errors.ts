import { AppError } from '@kavosh/service-kit';

/** 401: the ticket is unknown, already used or expired; ask POST /ws-ticket for a new one. */
export class TicketInvalid extends AppError {
  constructor() {
    super({
      status: 401,
      code: 'WS_TICKET_INVALID',
      title: 'Invalid WebSocket ticket',
      detail: 'The ticket is unknown, already used or expired; request a new one.',
    });
  }
}

/** 426: GET /ws without a WebSocket upgrade. */
export class UpgradeRequired extends AppError {
  constructor() {
    super({
      status: 426,
      code: 'UPGRADE_REQUIRED',
      title: 'Upgrade required',
      detail: 'This route only serves WebSocket connections (Upgrade: websocket).',
    });
  }
}
