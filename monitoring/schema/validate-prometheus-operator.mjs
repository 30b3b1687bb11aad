// Validates prometheus-operator objects (ServiceMonitor, PodMonitor, PrometheusRule) against the
// operator's CRD schemas, as npm @kubernetes-models/prometheus-operator carries them.
// Input: a JSON file holding an array of objects. Output: one line per object, "valid <Kind> <name>"
// or "invalid <Kind> <name>: <errors>"; exit code 1 when any is invalid or of an unknown kind.
import { readFileSync } from "node:fs";
import * as v1 from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const objects = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failed = false;
for (const object of objects) {
  const name = `${object.kind} ${object.metadata?.name}`;
  const Model = object.apiVersion === "monitoring.coreos.com/v1" ? v1[object.kind] : undefined;
  if (!Model) {
    console.log(`invalid ${name}: no schema for ${object.apiVersion} ${object.kind}`);
    failed = true;
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`valid ${name}`);
  } catch (e) {
    console.log(`invalid ${name}: ${e.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
