import { KnexReportingStore } from '@kompetenta/storage';
import { describeEachEngine, reportingStoreContract } from '@kompetenta/test-utils';

// The reporting port needs the knex handle, not only the Stores, so it runs outside storeContracts.
describeEachEngine('store contract: reporting', (database) =>
  reportingStoreContract(
    () => database().stores,
    () => new KnexReportingStore(database().knex),
  ),
);
