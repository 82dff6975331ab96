"""Suite-wide pytest setup: a fresh catalog, and skips count as failures under CI=true."""

import os
from typing import Any

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # Compile the ru catalog so that the tests see the current translations (once, in the
    # controlling process, not in each xdist worker).
    if hasattr(config, "workerinput"):
        return
    from pathlib import Path

    import polib

    for po_path in Path(__file__).parent.glob("locale/*/LC_MESSAGES/*.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: Any) -> None:
    if os.environ.get("CI", "").lower() == "true" and _skipped:
        # A skip in CI hides a missing install step.
        print(f"\nCI=true: {len(_skipped)} skipped test(s) count as failures:")
        for nodeid in _skipped[:20]:
            print(f"  {nodeid}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
