import { createRequire } from "node:module";

/**
 * Loads a package's CommonJS build where its ES module entry weighs on every start. `npm start`
 * runs under tsx, whose loader hands each ES module to its own thread and back; require() stays
 * on the main thread: libphonenumber-js/max loads its 93 files in about half the CPU time
 * (measured 60 ms less a start), and fast-xml-parser's CommonJS build is one bundle where its
 * ES entry is 25 files. Same package, same version, same code: only the loading differs.
 */
export const requireCommonJsBuild = createRequire(import.meta.url);
