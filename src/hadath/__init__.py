"""hadath (حدث): Arabic news reports → structured, geocoded, source-attributed conflict-event data.

>>> import hadath
>>> doc = hadath.extract("قال المرصد السوري لحقوق الإنسان إن ...", published="2018-02-09")
>>> doc.to_dict()["schema"]
'hadath/1'
"""

from __future__ import annotations

from hadath.doc import Doc
from hadath.errors import GazetteerError, HadathError, InputError, StageError, StoreError
from hadath.pipeline import DEFAULT_STAGES, Pipeline, extract

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_STAGES",
    "Doc",
    "GazetteerError",
    "HadathError",
    "InputError",
    "Pipeline",
    "StageError",
    "StoreError",
    "__version__",
    "extract",
]
