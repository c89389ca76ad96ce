"""Beyond one machine: extraction on a Dask cluster (needs the ``dask`` extra: dask[distributed])."""

from __future__ import annotations

__all__: list[str] = []
