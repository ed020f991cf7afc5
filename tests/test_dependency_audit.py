"""The pip-audit wrapper fails on a finding and never reports an audit that did not happen."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "dependency_audit.py"
spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
dependency_audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dependency_audit)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {"name": "qrcode", "skip_reason": "Dependency not found on PyPI and could not be audited"}
VULNERABLE = {
    "name": "setuptools",
    "version": "65.5.0",
    "vulns": [{"id": "PYSEC-2022-43012", "fix_versions": ["65.5.1"]}],
}


def test_verdict_vulnerability_fails_with_fix():
    status, lines = dependency_audit.verdict({"dependencies": [CLEAN, VULNERABLE]})
    assert status == 1
    assert "setuptools 65.5.0: PYSEC-2022-43012 (fixed in 65.5.1)" in lines


def test_verdict_clean_packages_pass():
    status, lines = dependency_audit.verdict({"dependencies": [CLEAN, SKIPPED]})
    assert status == 0
    assert lines == ["pip-audit: no known vulnerabilities in 1 packages (1 skipped)"]


def test_verdict_unreached_service_is_reported():
    status, lines = dependency_audit.verdict({"dependencies": [SKIPPED]})
    assert status == 0
    assert lines[0].startswith("WARNING: pip-audit audited none")
    status, _ = dependency_audit.verdict({"dependencies": [SKIPPED]}, require_service=True)
    assert status == 2
