import { describeProductionSecrets } from '@kavosh/service-host/testing';
import { readConfig } from '../src/config.js';

describeProductionSecrets({ name: 'billing', readConfig });
