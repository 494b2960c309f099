// Per-test-file setup; filled in as shared test behaviour grows.
export {};
