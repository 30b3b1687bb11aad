// Validates Kubernetes objects against the API's OpenAPI schemas (npm kubernetes-models), and
// custom resources against their CRD's openAPIV3Schema (ajv, plus a walk for unknown fields, which
// the API server would prune). Input: a JSON file {"objects": [...], "crdSchemas": {"<group>/<version>/<Kind>": schema}}.
// Output (stdout): JSON {"validated": n, "notCovered": ["Kind name", ...], "errors": ["Kind name: message", ...]}.
import { readFileSync } from "node:fs";
import Ajv from "ajv";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const result = { validated: 0, notCovered: [], errors: [] };
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat("int-or-string", true);

for (const object of input.objects) {
  const name = `${object.kind} ${object.metadata?.name}`;
  const apiVersion = object.apiVersion ?? "";
  const crdSchema = input.crdSchemas[`${apiVersion}/${object.kind}`];
  if (crdSchema) {
    const validate = ajv.compile(withoutKubernetesExtensions(crdSchema));
    const unknown = unknownFields(object, crdSchema, "");
    if (!validate(object)) {
      result.errors.push(`${name}: ${ajv.errorsText(validate.errors)}`);
    } else if (unknown.length) {
      result.errors.push(`${name}: unknown fields ${unknown.join(", ")}`);
    } else {
      result.validated++;
    }
    continue;
  }
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

// Fields a structural schema does not declare.
function unknownFields(value, schema, path) {
  if (!schema || schema["x-kubernetes-preserve-unknown-fields"] || value === null || typeof value !== "object") {
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => unknownFields(item, schema.items, `${path}[${i}]`));
  }
  if (!schema.properties) {
    const values = schema.additionalProperties;
    return values && typeof values === "object"
      ? Object.entries(value).flatMap(([key, item]) => unknownFields(item, values, `${path}.${key}`))
      : [];
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const where = path ? `${path}.${key}` : key;
    if (path === "" && ["apiVersion", "kind", "metadata"].includes(key)) return []; // the API server's, not the CRD's
    if (!(key in schema.properties)) return [where];
    return unknownFields(item, schema.properties[key], where);
  });
}

// ajv does not know Kubernetes' x-kubernetes-* keywords; strict:false ignores them, but
// x-kubernetes-int-or-string changes a type, so such properties accept both.
function withoutKubernetesExtensions(schema) {
  if (Array.isArray(schema)) return schema.map(withoutKubernetesExtensions);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = withoutKubernetesExtensions(value);
  }
  if (copy["x-kubernetes-int-or-string"]) {
    delete copy.type;
    copy.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  return copy;
}
