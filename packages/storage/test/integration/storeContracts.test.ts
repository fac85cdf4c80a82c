import { describeEachEngine, storeContracts } from '@kompetenta/test-utils';

// Each contract gets its own fresh database on each engine (PGlite always, PostgreSQL when
// TEST_DATABASE_URL or DATABASE_URL is set); the suite titles say which engine ran.
for (const [name, contract] of storeContracts) {
  describeEachEngine(`store contract: ${name}`, (database) => contract(() => database().stores));
}
