"""Validates a YAML snippet from the docs the way its reader would use it.

A chart values snippet is merged over helm/library/values.yaml (as Helm does with -f) and the
result is validated against values.schema.json; a Library object's spec is validated against the
CRD's openAPIV3Schema. Prints one line per error; exit 1 when there is any.
Usage: validate-snippet.py SNIPPET CHART_DIR
"""
import glob
import json
import sys

import jsonschema
import yaml


def merge(base, override):
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = merge(base.get(key), value) if key in base else value
        return merged
    return override


def main():
    snippet = yaml.safe_load(open(sys.argv[1]))
    chart = sys.argv[2]
    if isinstance(snippet, dict) and snippet.get("kind") == "Library":
        crd = yaml.safe_load(open(glob.glob(chart + "/crds/*.yml")[0]))
        schema = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]
        instance = snippet.get("spec") or {}
    else:
        schema = json.load(open(chart + "/values.schema.json"))
        instance = merge(yaml.safe_load(open(chart + "/values.yaml")), snippet or {})
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(instance), key=str)
    for error in errors:
        print("/".join(str(part) for part in error.absolute_path) + ": " + error.message)
    sys.exit(1 if errors else 0)


main()
