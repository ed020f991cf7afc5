"""The service returns 503 while PostgreSQL is down and recovers by itself afterwards."""

from bench.db_restart import run

CLEAN_ANSWERS = {200, 302, 429, 503}


def test_database_restart_under_load():
    summary = run(port=8291, down_seconds=4.0, threads=4)
    phases = summary["phases"]

    for name, answers in phases.items():
        codes = {int(key.rsplit(" ", 1)[1]) for key in answers}
        assert codes <= CLEAN_ANSWERS, f"unexpected answers while {name}: {answers}"

    down_codes = {key.rsplit(" ", 1)[1] for key in phases["down"]}
    assert "503" in down_codes

    after = phases["after"]
    assert all(key.endswith((" 200", " 302", " 429")) for key in after), after
    assert summary["sign_in_audit_events"] == summary["sign_ins_answered_302"]
