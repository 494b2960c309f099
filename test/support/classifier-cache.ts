import os from "node:os";
import path from "node:path";

/**
 * The disk cache the tests share: the base model is trained once (the global
 * setup warms it) and loaded by every test file in a fraction of a second.
 */
export const TEST_CLASSIFIER_CACHE = path.join(os.tmpdir(), "petitions-test-classifier-cache");

/**
 * The setting that points a service at that cache: without it a service trains the model
 * into its own fresh data folder, half a minute of CPU on the test machines per start.
 */
export const SHARED_CLASSIFIER_CACHE = { CLASSIFIER_CACHE_DIR: TEST_CLASSIFIER_CACHE } as const;
