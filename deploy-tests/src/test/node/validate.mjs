// Validates Kubernetes objects against the API's OpenAPI schemas (npm kubernetes-models).
// Input: a JSON file holding an array of objects. Output (stdout): JSON
// {"validated": n, "notCovered": ["Kind name", ...], "errors": ["Kind name: message", ...]}.
// Kinds without a model here (custom resources such as Library) are listed as notCovered.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
const result = { validated: 0, notCovered: [], errors: [] };
for (const object of objects) {
  const name = `${object.kind} ${object.metadata?.name}`;
  const apiVersion = object.apiVersion ?? "";
  let models;
  try {
    models = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    result.notCovered.push(`${name} (${apiVersion})`);
    continue;
  }
  const Model = models[object.kind];
  if (!Model) {
    result.notCovered.push(`${name} (${apiVersion})`);
    continue;
  }
  try {
    new Model(object).validate();
    result.validated++;
  } catch (e) {
    result.errors.push(`${name}: ${e.message}`);
  }
}
process.stdout.write(JSON.stringify(result));
