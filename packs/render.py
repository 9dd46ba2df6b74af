"""WeasyPrint rendering in worker processes.

Django-free on purpose: workers get finished HTML and write a PDF file, so they need neither
settings nor a database connection (nothing to close or re-open after a fork). Workers come
from a 'forkserver' that has imported WeasyPrint once, so each one starts in milliseconds
and none inherits the parent's threads or sockets."""

from __future__ import annotations

import multiprocessing
import os
import zlib
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing import forkserver

import pydyf


class _Deflate:
    """zlib for pydyf (WeasyPrint's PDF writer), which deflates every stream at level 9. On the
    pack's text-heavy pages level 9 costs ten times level 6 for a file 5 % smaller (measured on
    a 12-page evidence part: 0.28 s against 0.025 s, 70 KB against 75 KB), about a sixth of the
    whole part's layout and drawing. pydyf has no setting for it, hence this stand-in."""

    LEVEL = 6

    def __getattr__(self, name):
        return getattr(zlib, name)

    def compress(self, data, /, level=-1, **kwargs):
        return zlib.compress(data, self.LEVEL, **kwargs)

    def compressobj(self, level=-1, *args, **kwargs):
        return zlib.compressobj(self.LEVEL, *args, **kwargs)


if getattr(pydyf, "zlib", None) is zlib:
    pydyf.zlib = _Deflate()


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
    # Start the forkserver now: it imports WeasyPrint (about a second) while the build process
    # reads the first section, instead of when the first document is submitted.
    forkserver.ensure_running()
    # No max_tasks_per_child: on Python 3.11 a pool whose workers retire can hang for good
    # (seen here: the build stalled once workers began to retire). Sections are split into
    # parts, so each document, and so each worker's memory, stays small.
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)
