/** The PromQL conformance scripts over the in-memory store. */
import { promqlConformanceSuite } from './promqltest-suite.js';

promqlConformanceSuite('promqltest');
