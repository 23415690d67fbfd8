"""Subprocess drivers for the benchmark; each prints one JSON object on its last stdout line.

    python -m tests.perf.drivers ingest DB WORKERS PATH...   whole-pipeline ingest
    python -m tests.perf.drivers app DB [--rows 1000]        the secbrowse app, headless
    python -m tests.perf.drivers bare                        a bare Textual app with one Label
    python -m tests.perf.drivers bare-list ROWS              a bare OptionList: the floor for moving rows

Times for `app` and `bare` run from BENCH_T0 (the parent's time.time() just before it
started this process) when set, else from this process's start. Peak memory is this
process's own ru_maxrss (plus its children's for `ingest`: the worker processes),
which is what getrusage(RUSAGE_CHILDREN) shows the parent for this child alone.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

T0 = float(os.environ.get("BENCH_T0") or time.time())


def _maxrss_mb(who: int) -> float:
    """Peak resident memory in MB.

    For this process: VmHWM from /proc/self/status, the high-water mark of this
    program's own address space. Not ru_maxrss: Linux carries the RSS of the
    *parent's* address space at fork over exec into the child's ru_maxrss, so a
    driver started by a 50 MB benchmark process would never report less than 50 MB.
    """
    if who == resource.RUSAGE_SELF:
        try:
            with open("/proc/self/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _cpu_s() -> float:
    """CPU seconds of this process so far (user + system): robust to other tenants of the machine."""
    times = os.times()
    return times.user + times.system


def ingest(db_path: str, workers: int, paths: list[str]) -> dict:
    import datetime as dt

    from store.ingest import ingest_paths
    from store.schema import open_database

    import signal

    deadline = float(os.environ.get("BENCH_INGEST_DEADLINE") or 0)
    if deadline:  # stop like Ctrl-C does: after the current article, the database stays whole
        def stop(signum, frame):
            os.kill(os.getpid(), signal.SIGINT)  # whatever Ctrl-C does in ingest_paths

        signal.signal(signal.SIGALRM, stop)
        signal.alarm(max(1, int(deadline)))
    db = open_database(db_path)
    start = time.perf_counter()
    summary = ingest_paths(db, paths, workers=workers, today=dt.date(2026, 11, 25))
    seconds = time.perf_counter() - start
    signal.alarm(0)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return {"seconds": seconds, "added": summary.added, "already_present": summary.already_present,
            "failed": len(summary.failed), "interrupted": summary.interrupted, "first_failures": [f"{f.source}: {f.reason}" for f in summary.failed[:3]],
            "cpu_self_s": _cpu_s(), "cpu_children_s": os.times().children_user + os.times().children_system,
            "maxrss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
            "maxrss_children_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


# --- the app ---------------------------------------------------------------------------

LIST_TYPES = ("DataTable", "ListView", "OptionList", "SelectionList", "Tree", "ScrollView")


def _position(widget) -> int | None:
    """Where the cursor of a list-like widget is, whatever kind of widget it is."""
    for name in ("cursor_row", "cursor", "index", "highlighted", "cursor_line", "selected_index", "position"):
        value = getattr(widget, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    coordinate = getattr(widget, "cursor_coordinate", None)
    if coordinate is not None and hasattr(coordinate, "row"):
        return coordinate.row
    return None


def _find_list(app):
    """The event list, looked up by what exists: id/class mentioning 'event', then list-like widgets."""
    widgets = list(app.screen.walk_children(with_self=False))

    def listish(w) -> bool:
        return any(cls.__name__ in LIST_TYPES for cls in type(w).__mro__) or _position(w) is not None

    def named_event(w) -> bool:
        names = [w.id or ""] + list(w.classes) + [type(w).__name__]
        return any("event" in n.lower() for n in names)

    for predicate in (lambda w: named_event(w) and listish(w) and w.can_focus,
                      lambda w: named_event(w) and listish(w),
                      lambda w: listish(w) and w.can_focus,
                      lambda w: named_event(w) and w.can_focus):
        found = [w for w in widgets if predicate(w)]
        if found:
            return found[0]
    return None


def _describe(widget) -> str:
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__


def run_app(build, rows: int) -> dict:
    """Run an app headless: time to first frame, to settled, then move `rows` rows down."""
    from textual.app import App

    result: dict = {"import_s": time.time() - T0}
    original_display = App._display

    def display(self, screen, renderable):
        if renderable is not None and "first_frame_s" not in result and not self._batch_count:
            result["first_frame_s"] = time.time() - T0
            result["first_frame_cpu_s"] = _cpu_s()
        return original_display(self, screen, renderable)

    App._display = display

    async def pilot_fn(pilot) -> None:
        app = pilot.app
        await pilot._wait_for_screen()
        await pilot.pause()
        await _settle(pilot, app)
        result["settled_s"] = time.time() - T0
        result["settled_cpu_s"] = _cpu_s()
        result["maxrss_at_paint_mb"] = _maxrss_mb(resource.RUSAGE_SELF)
        if rows:
            await _move(pilot, app, rows, result)
        app.exit()

    original_run = App.run

    def run(self, *args, **kwargs):
        kwargs.update(headless=True, auto_pilot=pilot_fn)
        kwargs.setdefault("size", (120, 40))
        App.run = original_run  # only the first app
        return original_run(self, *args, **kwargs)

    App.run = run
    try:
        build()
    except SystemExit:
        pass
    result["maxrss_mb"] = _maxrss_mb(resource.RUSAGE_SELF)
    result.setdefault("first_frame_s", result.get("settled_s"))
    result.setdefault("first_frame_cpu_s", result.get("settled_cpu_s"))
    return result


async def _settle(pilot, app, timeout: float = 600) -> None:
    """Wait until the workers the app started (loading rows off the UI thread) are done, and repaint."""
    import asyncio

    for _ in range(3):  # a finished worker may post messages that start another
        try:
            await asyncio.wait_for(app.workers.wait_for_complete(), timeout)
        except Exception:  # noqa: BLE001 — a worker error is the app's to show, not the bench's
            pass
        await pilot._wait_for_screen()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            break


async def _move(pilot, app, rows: int, result: dict) -> None:
    try:
        widget = _find_list(app)
        if widget is None:
            result["move"] = "n/a: no list widget found"
            return
        result["move_widget"] = _describe(widget)
        widget.focus()
        await pilot.pause()
        before = _position(widget)
        await pilot.press("j")
        after = _position(widget)
        # 'j' where the widget binds it, else the arrow key every list binds
        key = "j" if before is not None and after is not None and after != before else "down"
        start = time.perf_counter()
        first = _position(widget)
        for _ in range(rows):
            await pilot.press(key)
        await _settle(pilot, app)
        seconds = time.perf_counter() - start
        after = _position(widget)
        moved = after - first if (after is not None and first is not None) else None
        result.update(move_key=key, move_s=seconds, rows_moved=moved,
                      move_ms_per_row=seconds * 1000 / rows,
                      maxrss_after_move_mb=_maxrss_mb(resource.RUSAGE_SELF))
        if moved is not None and moved < rows:
            result["move_note"] = f"cursor moved {moved} of {rows} rows (end of list or rows not loaded)"
    except Exception as error:  # the widget is being rewritten: report, never crash the bench
        result["move"] = f"n/a: {type(error).__name__}: {error}"


def app(db_path: str, rows: int) -> dict:
    def build():
        from tui.cli import main

        main(["--db", db_path])

    return run_app(build, rows)


def bare() -> dict:
    def build():
        from textual.app import App
        from textual.widgets import Label

        class Bare(App):
            def compose(self):
                yield Label("hello")

        Bare().run()

    return run_app(build, 0)


def bare_list(rows: int) -> dict:
    """The floor for moving rows: Textual's own OptionList of rows + 1 options, same presses."""
    def build():
        from textual.app import App
        from textual.widgets import OptionList

        class BareList(App):
            def compose(self):
                yield OptionList(*(f"row {i}" for i in range(rows + 10)), id="events")

        BareList().run()

    return run_app(build, rows)


def main(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "ingest":
        out = ingest(argv[1], int(argv[2]), argv[3:])
    elif mode == "app":
        rows = int(argv[argv.index("--rows") + 1]) if "--rows" in argv else 1000
        out = app(argv[1], rows)
    elif mode == "bare":
        out = bare()
    elif mode == "bare-list":
        out = bare_list(int(argv[1]))
    else:
        raise SystemExit(f"unknown mode {mode}")
    sys.stdout.write("\n" + json.dumps(out) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
