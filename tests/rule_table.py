"""The rule table as the command line lists it (`bpv rules --format json`): one dict per rule,
with `rule`, `severity`, `code` and `enforces`. Shared by the scripts that check it against
the spec files and docs/SPEC.md."""
import json
import subprocess


def rule_table(cli):
    out = subprocess.run([cli, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]
