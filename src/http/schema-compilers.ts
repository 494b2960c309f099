import { createRequire } from "node:module";
import type { FastifyServerOptions } from "fastify";

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]
>;
type ValidatorFactory = NonNullable<CompilersFactory["buildValidator"]>;
type SerializerFactory = NonNullable<CompilersFactory["buildSerializer"]>;

/** Requires a package as Fastify itself does: the copy its own folder resolves to. */
const requireAsFastify = createRequire(createRequire(import.meta.url).resolve("fastify"));

function once<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

const validatorSelector = once(() =>
  (requireAsFastify("@fastify/ajv-compiler") as () => ValidatorFactory)(),
);
const serializerSelector = once(() =>
  (requireAsFastify("@fastify/fast-json-stringify-compiler") as () => SerializerFactory)(),
);

/**
 * Fastify's own JSON Schema compilers (ajv and fast-json-stringify), required the first time a
 * route needs one rather than when a server is created. Fastify requires both with every
 * server unless given factories: some 500 files (three copies of ajv among them), about 90 ms
 * of each start, while this service's routes validate and serialise with zod (the console's
 * compilers) and none has a plain JSON schema to compile at start. The factories are the
 * ones Fastify would build, made once, given the same arguments. Giving one marks the
 * server's validator as custom, which changes one thing: Fastify would lower-case the keys
 * of a plain JSON schema of headers for ajv, and no route has one.
 */
export const schemaCompilersOnFirstUse: CompilersFactory = {
  buildValidator: (externalSchemas, options) => validatorSelector()(externalSchemas, options),
  buildSerializer: (externalSchemas, options) => serializerSelector()(externalSchemas, options),
};
