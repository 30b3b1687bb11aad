// Checks Grafana dashboard files against Grafana's own dashboard schema, without a Grafana server:
// the JSON Schema is generated from the TypeScript types published in @grafana/schema (the
// "Dashboard" type of raw/dashboard/x/types.gen), with unknown fields forbidden, then ajv validates.
// Usage: node validate-dashboards.mjs <dashboard.json>...   Exit code 1 when any file is invalid.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import Ajv from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const schemaPackage = dirname(require.resolve('@grafana/schema/package.json'));
const types = join(schemaPackage, 'dist/types/raw/dashboard/x/types.gen.d.ts');

const schema = createGenerator({ path: types, type: 'Dashboard', skipTypeCheck: true, additionalProperties: false,
  tsconfig: join(here, 'tsconfig.json') }).createSchema('Dashboard');
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  if (validate(dashboard)) {
    console.log(`valid ${file}`);
  } else {
    failed++;
    for (const error of validate.errors) {
      console.log(`invalid ${file}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
