/**
 * npm run --silent classify -- [file.jsonl]   (standard input without a file)
 *
 * Each input line: {"id": …, "text": "…"} (optional "address", "region" hints).
 * Each output line, in input order, one per input line:
 * {"id","category","region","unitId","confidence","alternatives":[{"category","confidence"}],"unsure","language","method"}
 * A line that is not valid input gives {"id": <id or null>, "line": n, "error": "…"} and the run goes on.
 * Nothing else is written to standard output. Uses the LLM when LLM_* are set
 * (falling back to the offline classifier), unless --offline is given.
 */
import { z } from "zod";
import { routeComplaint } from "../domain/routing.ts";
import { readInput, setUpClassification, splitLines } from "./classification-setup.ts";

const InputLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  text: z.string(),
  address: z.string().optional(),
  region: z.string().nullable().optional(),
});

async function main(argv: string[]): Promise<void> {
  const offlineOnly = argv.includes("--offline");
  const file = argv.find((arg) => !arg.startsWith("--"));
  const source = await readInput(file);
  const { directory, service } = await setUpClassification(process.env, offlineOnly);
  const out: string[] = [];
  const lines = splitLines(source);
  for (const [i, line] of lines.entries()) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      out.push(JSON.stringify({ id: null, line: i + 1, error: "not valid JSON" }));
      continue;
    }
    const parsed = InputLineSchema.safeParse(json);
    if (!parsed.success) {
      const id =
        typeof json === "object" && json !== null && "id" in json
          ? (json as { id: unknown }).id
          : null;
      const issue = parsed.error.issues[0];
      out.push(
        JSON.stringify({
          id: typeof id === "string" || typeof id === "number" ? id : null,
          line: i + 1,
          error: `invalid input: ${issue?.path.join(".") || "(line)"}: ${issue?.message ?? "invalid"}`,
        }),
      );
      continue;
    }
    const { id, text, address, region } = parsed.data;
    const result = await service.classifier.classify(text, {
      ...(address === undefined ? {} : { address }),
      ...(region === undefined ? {} : { region }),
    });
    const route = routeComplaint(directory, result.category, result.region);
    out.push(
      JSON.stringify({
        id,
        category: result.category,
        region: result.region,
        unitId: route.unitId,
        confidence: result.confidence,
        alternatives: result.alternatives.map((a) => ({
          category: a.category,
          confidence: a.confidence,
        })),
        unsure: result.unsure,
        language: result.language,
        method: result.method,
      }),
    );
    if (out.length >= 256) process.stdout.write(out.splice(0).join("\n") + "\n");
  }
  if (out.length > 0) process.stdout.write(out.join("\n") + "\n");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`classify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
