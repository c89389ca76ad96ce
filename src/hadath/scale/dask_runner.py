"""Run extraction on a Dask cluster; the calling process stays the single writer.

``hadath ingest --dask local`` starts a :class:`distributed.LocalCluster` with ``--workers`` worker
processes; ``--dask tcp://scheduler:8786`` connects to a running cluster (dask-kubernetes,
dask-jobqueue, ``dask scheduler`` + ``dask worker``: see docs/scale.md).  Records are read here, the
hashes already stored are skipped here, batches are sent to the workers (:func:`hadath.ingest.extract_batch`)
with a bounded number in flight, and the prepared results stream back and are written batch by batch
into the store — and, with ``parquet_dir``, as Parquet partitions.  Workers need hadath installed
(same version) and nothing else: they never touch the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from typing import Any, cast

from hadath.errors import InputError
from hadath.ingest import IngestReport, ingest
from hadath.store import Store

__all__ = ["DaskExecutor", "dask_client", "ingest_dask"]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError("--dask needs dask.distributed: pip install 'hadath[dask]'") from exc
    return distributed


class DaskExecutor(Executor):
    """``concurrent.futures``-style ``submit`` over a Dask client (its futures have ``.result()``)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return cast("Future[Any]", self.client.submit(fn, *args, pure=False, **kwargs))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """The client is owned by :func:`dask_client`; nothing to do here."""

    @property
    def slots(self) -> int:
        """Worker threads in the cluster (at least 1)."""
        try:
            return max(1, int(sum(self.client.nthreads().values())))
        except Exception:
            return 1


@contextmanager
def dask_client(address: str, *, workers: int = 2, processes: bool = True) -> Iterator[Any]:
    """A Dask client: ``"local"`` starts a LocalCluster of ``workers`` single-threaded workers (worker
    processes unless ``processes=False``); anything else is a scheduler address."""
    distributed = _distributed()
    if address == "local":
        with (
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(address, timeout="20s")
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()


def ingest_dask(
    store: Store,
    sources: Iterable[str | os.PathLike[str]],
    *,
    address: str = "local",
    workers: int = 2,
    processes: bool = True,
    **options: Any,
) -> IngestReport:
    """:func:`hadath.ingest.ingest` with extraction on a Dask cluster (options as for ``ingest``)."""
    options.pop("workers", None)
    with dask_client(address, workers=workers, processes=processes) as client:
        ex = DaskExecutor(client)
        options.setdefault("max_pending", 2 * ex.slots)
        return ingest(store, sources, executor=ex, **options)
