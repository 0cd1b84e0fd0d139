"""`desk central --issue-agency-token` and `desk central agency …`, end to end in processes.

The operator issues an agency a token (shown once, never listed); the agency, with the token
in its environment, lists what waits for it and records its steps from a shell against the
running central; every answer is Vietnamese, with exit codes a script can rely on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.central_agency.agency import submit
from tests.sync.conftest import OFFICE, Central

REPO = Path(__file__).resolve().parents[2]
ENV = "DESK_AGENCY_TOKEN"


def desk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", *args],
        capture_output=True,
        text=True,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(REPO),
            **(env or {}),
        },
        timeout=60,
        cwd=REPO,
    )


def test_an_agency_works_from_a_shell_with_the_token_the_operator_issued(
    central: Central, central_target: str
) -> None:
    (code,) = submit(central)
    db = ("--db", central_target)
    wrong = desk("central", *db, "--issue-agency-token", "civil_registry@000.00.01.H26")
    assert wrong.returncode == 2 and "people_committee, police" in wrong.stderr
    issued = desk("central", *db, "--issue-agency-token", f"people_committee@{OFFICE}")
    assert issued.returncode == 0 and "Đã cấp token cho cơ quan" in issued.stderr
    token = issued.stdout.strip()
    listed = desk("central", *db, "--list-tokens")
    assert f"people_committee@{OFFICE}" in listed.stdout and token not in listed.stdout
    agency = ("central", "agency", "--url", central.url)
    env = {ENV: token}

    shown = desk(*agency, "list", env=env)
    assert shown.returncode == 0, shown.stderr
    assert f"{code}\tđã tiếp nhận\tbirth\t" in shown.stdout

    key = ("--idempotency-key", "shell-key-0001")
    done = desk(*agency, "progress", code, "birth", "--reference", "42/2026", *key, env=env)
    assert done.returncode == 0, done.stderr
    assert f"Đã ghi nhận: hồ sơ {code} — đang giải quyết (phiên bản 1)." in done.stdout
    assert "birth: 42/2026" in done.stdout
    again = desk(*agency, "progress", code, "birth", "--reference", "42/2026", *key, env=env)
    assert again.returncode == 0 and "đã được ghi nhận trước đó" in again.stdout
    assert central.rows(f"SELECT version FROM dossiers WHERE code = '{code}'") == [(1,)]

    early = desk(*agency, "ready", code, env=env)
    assert early.returncode == 1
    assert "Trung tâm từ chối" in early.stderr and "còn thủ tục chưa có kết quả" in early.stderr
    nothing = desk(*agency, "list", env=env)
    assert nothing.returncode == 0 and "Không có hồ sơ nào đang chờ cơ quan." in nothing.stdout

    missing = desk(*agency, "list")
    assert missing.returncode == 2 and f"biến môi trường {ENV}" in missing.stderr
    away = desk("central", "agency", "--url", "http://127.0.0.1:9", "ready", code, env=env)
    assert away.returncode == 3 and "không liên lạc được" in away.stderr
    assert "--idempotency-key" in away.stderr  # what to send again so that it is recorded once

    number = next(
        line.split("\t")[0]
        for line in desk("central", *db, "--list-tokens").stdout.splitlines()
        if f"people_committee@{OFFICE}" in line
    )
    revoked = desk("central", *db, "--revoke-agency-token", number)
    assert revoked.returncode == 0 and "Đã thu hồi token số" in revoked.stdout
    refused = desk(*agency, "list", env=env)
    assert refused.returncode == 2 and "token của cơ quan" in refused.stderr
    usage = desk(*agency, "refuse", code, env=env)  # --reason is required
    assert usage.returncode == 2 and "--reason" in usage.stderr
    for result in (wrong, issued, shown, done, again, early, missing, away, refused, usage):
        assert "Traceback" not in result.stderr and "usage:" not in result.stderr
