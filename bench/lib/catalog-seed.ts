// Child process of the catalog benchmark: fills a migrated catalog database with the demo seed.
// A child, so the catalog's generated Prisma client loads on its own from the service's source.
import { createDatabase } from '../../services/catalog/src/db.js';
import { seedDemoCatalog } from '../../services/catalog/src/infrastructure/seed/seed.js';

const [databaseUrl, movies] = process.argv.slice(2);
if (databaseUrl === undefined || movies === undefined) {
  console.error('usage: catalog-seed.ts <databaseUrl> <movies>');
  process.exit(2);
}
const db = createDatabase(databaseUrl);
try {
  const result = await seedDemoCatalog(db, { movies: Number(movies) });
  if (!result.seeded) throw new Error('the bench database already had movies');
} finally {
  await db.$disconnect();
}
