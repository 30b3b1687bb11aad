"""library's load tools as one package: the entry scripts in load/ (bench, scale-out, chaos) are thin
wrappers around its modules. The parts that compute (results parsing, tables, ratios, the capacity
model, chaos's accounting) are plain functions tested by load/tests:
    python3 -m unittest discover -s load/tests -t load
"""
from pathlib import Path

LOAD = Path(__file__).resolve().parent.parent
HOME = LOAD.parent
