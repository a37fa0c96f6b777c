import { describe, expect, it } from 'vitest';
import { connectionConfig } from './connection.js';

describe('connectionConfig', () => {
  it('reads host, port, credentials and database from a mysql:// URL', () => {
    expect(connectionConfig('mysql://app:p%40ss@db.internal:3307/kavosh_catalog')).toEqual({
      host: 'db.internal',
      port: 3307,
      user: 'app',
      password: 'p@ss',
      database: 'kavosh_catalog',
    });
  });

  it('accepts mariadb:// and defaults the port, leaving the database out when none is named', () => {
    expect(connectionConfig('mariadb://root@127.0.0.1')).toEqual({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: '',
    });
  });

  it('passes the flags MySQL 8.4 logins may need', () => {
    expect(
      connectionConfig('mysql://u:p@h/db?allowPublicKeyRetrieval=true&ssl=true'),
    ).toMatchObject({
      allowPublicKeyRetrieval: true,
      ssl: true,
    });
  });

  it('refuses other schemes', () => {
    expect(() => connectionConfig('postgres://u@h/db')).toThrow(/mysql:\/\/ or mariadb:\/\//);
  });
});
