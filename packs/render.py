"""WeasyPrint rendering in worker processes.

Django-free on purpose: workers get finished HTML and write a PDF file, so they need neither
settings nor a database connection (nothing to close or re-open after a fork). Workers come
from a 'forkserver' that has imported WeasyPrint once, so each one starts in milliseconds
and none inherits the parent's threads or sockets."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor


def render_pdf(html: str, path: str) -> int:
    """Lay out one HTML document, write it to `path`; returns its page count."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    document.write_pdf(path)
    return len(document.pages)


class InlineExecutor(Executor):
    """Renders in this process: where child processes are not possible (a daemonic worker)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 (handed to the caller through the future)
            future.set_exception(error)
        return future


def render_executor(workers: int | None = None) -> Executor:
    """A process pool of `workers` (default: one per CPU), or inline rendering for one worker."""
    workers = workers or os.cpu_count() or 2
    if workers <= 1 or multiprocessing.current_process().daemon:
        return InlineExecutor()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", "packs.render"])
    # No max_tasks_per_child: on Python 3.11 a pool whose workers retire can hang for good
    # (seen here: the build stalled once workers began to retire). Sections are split into
    # parts, so each document, and so each worker's memory, stays small.
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)
