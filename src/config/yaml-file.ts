import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { AppError, type AppErrorCode } from "../errors.ts";

export interface ParsedYaml<T> {
  readonly data: T;
  /** The line of the node at `path` (or of its deepest existing ancestor). */
  lineOf(path: readonly string[]): number;
}

/**
 * Parses an operator's YAML data file and validates it with `schema`.
 * @throws AppError(`code`) reading `file:line: field.path: problem` — the
 *   line and field at fault, for a syntax error or the first schema issue.
 */
export function parseYamlFile<S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
  code: AppErrorCode,
): ParsedYaml<z.infer<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (path: readonly string[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as {
        range?: [number, number, number];
      };
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new AppError(code, `${file}:${line}: ${syntaxError.message.split("\n")[0]}`);
  }
  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    const problem = result.error.issues[0]!;
    const path = problem.path.map(String);
    const where = path.length > 0 ? ` ${path.join(".")}` : "";
    throw new AppError(code, `${file}:${lineOf(path)}:${where}: ${problem.message}`);
  }
  return { data: result.data, lineOf };
}
