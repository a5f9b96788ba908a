"""The Dask worker plugin of :mod:`rhetoric.runner` (imported only when a scheduler is used)."""

from __future__ import annotations

import os
from collections.abc import Callable

from distributed.diagnostics.plugin import WorkerPlugin

from rhetoric.runner import init_worker


class WarmPlugin(WorkerPlugin):
    """On each worker, once: the client's data home if the worker has none and the folder exists
    there (a shared file system), then the warm-up of :func:`rhetoric.runner.init_worker`.

    A worker that joins the cluster later runs it too; a worker with ``RHETORIC_DATA`` set in
    its environment keeps its own data home.
    """

    name = "rhetoric-warm"

    def __init__(self, data_home: str | None, warm: Callable[[], None] | None):
        self.data_home = data_home
        self.warm = warm

    def setup(self, worker) -> None:
        home = self.data_home if self.data_home and os.path.isdir(self.data_home) else None
        init_worker(home, self.warm)
