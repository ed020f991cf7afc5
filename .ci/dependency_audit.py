#!/usr/bin/env python3
"""Audit the installed Python packages with pip-audit; fail on any known vulnerability.

pip-audit queries a vulnerability service (PyPI's JSON API) for each installed package.
When the service returns data for none of them, pip-audit still prints "No known
vulnerabilities found". This script reports instead that nothing was audited, and fails
only with --require-service. Run by `make audit` and `make test`.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--require-service",
        action="store_true",
        help="fail when the vulnerability service audited no package",
    )
    arguments = parser.parse_args()
    completed = subprocess.run(  # noqa: S603
        [str(BIN / "pip-audit"), "--format", "json", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        print(completed.stderr.strip() or "pip-audit failed: no JSON report", file=sys.stderr)
        return 2
    status, lines = verdict(report, require_service=arguments.require_service)
    for line in lines:
        print(line, file=sys.stderr if status else sys.stdout)
    return status


def verdict(report: dict, *, require_service: bool = False) -> tuple[int, list[str]]:
    """Return the exit status and the lines to print for pip-audit's JSON `report`."""
    dependencies = report["dependencies"]
    audited = [item for item in dependencies if "skip_reason" not in item]
    lines = []
    for item in audited:
        for vulnerability in item.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed release"
            lines.append(
                f"{item['name']} {item['version']}: {vulnerability['id']} (fixed in {fixed})"
            )
    if lines:
        return 1, [*lines, f"pip-audit: {len(lines)} known vulnerabilities"]
    if not audited:
        warning = (
            f"WARNING: pip-audit audited none of the {len(dependencies)} installed packages: "
            "the vulnerability service did not answer (no network access?)"
        )
        return (2 if require_service else 0), [warning]
    skipped = len(dependencies) - len(audited)
    return 0, [
        f"pip-audit: no known vulnerabilities in {len(audited)} packages ({skipped} skipped)"
    ]


if __name__ == "__main__":
    sys.exit(main())
