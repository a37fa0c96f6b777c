import { mariadbAdapter } from '@kavosh/db';
import { PrismaClient } from './generated/prisma/client.js';

export type Database = PrismaClient;

export const createDatabase = (databaseUrl: string): Database =>
  new PrismaClient({ adapter: mariadbAdapter(databaseUrl) });
