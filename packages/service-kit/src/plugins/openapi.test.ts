import { describe, expect, it } from 'vitest';
import { operationIdOf } from './openapi.js';

describe('operationIdOf', () => {
  it('names an operation by its method and route, parameters as By<Name>', () => {
    expect(operationIdOf('GET', '/movies/:id/playback')).toBe('getMoviesByIdPlayback');
    expect(operationIdOf('POST', '/movies/')).toBe('postMovies');
    expect(operationIdOf('GET', '/notifications/unread-count')).toBe('getNotificationsUnreadCount');
    expect(operationIdOf('GET', '/.well-known/jwks.json')).toBe('getWellKnownJwksJson');
    expect(operationIdOf('DELETE', '/')).toBe('delete');
  });

  it('gives two routes that differ only by a parameter name different ids', () => {
    expect(operationIdOf('GET', '/users/:id')).not.toBe(operationIdOf('GET', '/users/:userId'));
  });
});
