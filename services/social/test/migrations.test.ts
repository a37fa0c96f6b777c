import { describeMigrations } from '@kavosh/service-host/testing';

describeMigrations({
  label: 'social',
  migrations: new URL('../prisma/migrations', import.meta.url),
  schema: new URL('../prisma/schema.prisma', import.meta.url),
});
