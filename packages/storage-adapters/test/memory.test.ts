import { MemoryStore } from '@maxtryx/storage-adapters';
import { runConformanceSuite } from './conformance/suite.js';

runConformanceSuite('MemoryStore', async () => new MemoryStore());
