"""`desk backup` and `desk sync` as real processes: a Rich bar on a terminal (a pty) and none
when piped, and a real SIGINT (Ctrl+C) that stops a sync between batches, exit 130, with a
Vietnamese line, leaving the rest for the next round and nothing doubled."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from central.faults import Hold
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.store import Store
from tests.sync.conftest import TOKEN_ENV, outbox_size, receive, start_central

REPO = Path(__file__).resolve().parents[2]


def desk_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from desk_app.cli import main; sys.exit(main())",
            *args]  # fmt: skip


def run_on_pty(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` with stderr on a new pty (stdout piped); (process, the pty's master)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=slave,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    os.close(slave)
    return proc, master


def drain(master: int, proc: subprocess.Popen[bytes], deadline: float = 60) -> str:
    """Everything written to the pty until the process ends."""
    out = b""
    give_up = time.monotonic() + deadline
    while time.monotonic() < give_up:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(master)
    return out.decode("utf-8", "replace")


def demo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    config = make_demo(tmp_path / "desk")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    return config, env | {"TERM": "xterm", "COLUMNS": "120"}


def test_backup_draws_a_bar_on_a_terminal_and_nothing_when_piped(tmp_path: Path) -> None:
    config, env = demo(tmp_path)
    piped = subprocess.run(desk_command("--config", str(config), "backup", str(tmp_path / "a.db")),
                           cwd=REPO, env=env, capture_output=True, text=True)  # fmt: skip
    assert piped.returncode == 0 and piped.stderr == ""
    assert piped.stdout.startswith("Đã sao lưu ra ")

    proc, master = run_on_pty(
        desk_command("--config", str(config), "backup", str(tmp_path / "b.db")), env
    )
    shown = drain(master, proc)
    assert proc.returncode == 0
    assert proc.stdout is not None and proc.stdout.read().decode().startswith("Đã sao lưu ra ")
    assert "Sao chép cơ sở dữ liệu" in shown and "Kiểm tra bản sao lưu" in shown
    assert "1/1" in shown  # counts beside the bar


def test_ctrl_c_stops_desk_sync_between_batches_and_the_next_round_sends_the_rest(
    tmp_path: Path,
) -> None:
    config, env = demo(tmp_path)
    settings = load_config(config, env={}).settings
    store = Store.open(settings.paths.database)
    codes = set(receive(store, 150))
    hold = Hold("POST", "/v1/batches")
    central = start_central(tmp_path, hold=hold)
    env |= {"DESK_CENTRAL__URL": central.url, TOKEN_ENV: central.token}
    try:
        proc, master = run_on_pty(desk_command("--config", str(config), "sync"), env)
        assert hold.reached.wait(30)  # the first batch is at central, its answer held back
        proc.send_signal(signal.SIGINT)  # what Ctrl+C sends
        hold.release.set()
        shown = drain(master, proc)
        assert proc.returncode == 130
        assert "đã dừng đồng bộ theo yêu cầu (Ctrl+C): lần này đã gửi xong 50 hồ sơ" in shown
        assert "còn 100 hồ sơ chờ gửi" in shown and "Traceback" not in shown
        assert outbox_size(store) == 100
        again = subprocess.run(desk_command("--config", str(config), "sync"), cwd=REPO,
                               env=env, capture_output=True, text=True)  # fmt: skip
        assert again.returncode == 0, again.stderr
        assert outbox_size(store) == 0 and set(central.dossiers()) == codes
        assert central.rows("SELECT count(*) FROM dossiers") == [(150,)]  # nothing doubled
    finally:
        hold.release.set()
        central.stop()
        store.close()
