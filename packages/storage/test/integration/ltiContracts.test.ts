import {
  deepLinkSessionContract,
  describeEachEngine,
  ltijsDatabaseContract,
  ltiStoresContract,
} from '@kompetenta/test-utils';

// The LTI stores and the ltijs database plugin, each on a fresh database per engine.
describeEachEngine('lti contract: login states and tool key', (database) => ltiStoresContract(database));
describeEachEngine('lti contract: ltijs database plugin', (database) => ltijsDatabaseContract(database));
describeEachEngine('lti contract: deep linking sessions', (database) => deepLinkSessionContract(database));
