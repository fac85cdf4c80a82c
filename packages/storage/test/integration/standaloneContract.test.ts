import { describeEachEngine, standaloneStoresContract } from '@kompetenta/test-utils';

describeEachEngine('store contract: standalone learners', (database) =>
  standaloneStoresContract(() => database().stores),
);
