"""FactionLens for Python: find armed groups, umbrella bodies, sponsors and leaders of the Iraq/Iran
conflict in news text, under every spelling and in Arabic script.

The same Rust core as the command line, the npm package and the browser extension; nothing is sent
anywhere. Offsets: ``start``/``end`` index Python strings (code points), ``byte_start``/``byte_end`` the
UTF-8 bytes, ``start_utf16``/``end_utf16`` JavaScript strings (the CLI's and the npm package's
``start``/``end``).

>>> from factionlens import Lens
>>> lens = Lens()
>>> text = "Kataib Hizballah and Asa'ib Ahl al-Haq are in the PMF."
>>> [m["entity"] for m in lens.scan(text)]
['kataib-hezbollah', 'asaib-ahl-al-haq', 'popular-mobilization-forces']
>>> m = lens.scan(text)[0]
>>> text[m["start"]:m["end"]]
'Kataib Hizballah'
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence

from . import _core
from ._core import FactionLensError, __version__

__all__ = ["Lens", "FactionLensError", "__version__", "MENTION_FIELDS"]

#: The keys of every mention dict (and, with ``doc``, of every flat record), in order.
MENTION_FIELDS = tuple(_core.MENTION_FIELDS)


class Lens:
    """A knowledge base with its automaton, ready to scan text. Build once, scan many times.

    ``Lens()`` starts with the built-in knowledge base; :meth:`load_dictionary` adds (or, with
    ``replace=True``, substitutes) your own lists.
    """

    def __init__(self) -> None:
        self._core = _core.Lens()

    def __len__(self) -> int:
        """Number of entities in force."""
        return len(self._core)

    def load_dictionary(
        self,
        path_or_text: "str | os.PathLike[str]",
        format: Optional[str] = None,
        *,
        replace: bool = False,
    ) -> Dict[str, Any]:
        """Loads a dictionary: a file path, or the dictionary's text itself (then give ``format``).

        ``format`` is ``json``, ``toml``, ``csv`` or ``ftm`` (FollowTheMoney JSON lines); for a path it
        defaults to the file's extension. Returns ``{"loaded", "ids", "total"}``. On any error
        :class:`FactionLensError` names the file, line and field, and the dictionaries in force stay
        as they were.
        """
        if isinstance(path_or_text, os.PathLike) or (
            isinstance(path_or_text, str) and "\n" not in path_or_text and os.path.isfile(path_or_text)
        ):
            origin = os.fspath(path_or_text)
            with open(origin, encoding="utf-8") as f:
                text = f.read()
        else:
            origin, text = "dictionary", path_or_text
            if format is None:
                raise FactionLensError(
                    "dictionary text given without a format: pass format='json', 'toml', 'csv' or 'ftm'"
                )
        return json.loads(self._core.load_text(text, format, origin, replace))

    def scan(self, text: str) -> List[Dict[str, Any]]:
        """Every mention in ``text``, in text order, never overlapping (see :data:`MENTION_FIELDS`)."""
        return self._core.scan(text)

    def scan_many(self, texts: Sequence[str], threads: Optional[int] = None) -> List[List[Dict[str, Any]]]:
        """Scans many texts in parallel with the GIL released: one list of mentions per text, in order.
        ``threads`` defaults to every core."""
        return self._core.scan_many(list(texts), threads)

    def records(
        self,
        texts: Sequence[str],
        ids: Optional[Iterable[Any]] = None,
        threads: Optional[int] = None,
    ) -> List[Dict[str, Any]]:
        """Flat mention records for a batch, one dict per mention with a ``doc`` key (the text's id, or
        its position when ``ids`` is None) — ready for ``pandas.DataFrame(records)``."""
        ids = list(range(len(texts))) if ids is None else list(ids)
        if len(ids) != len(texts):
            raise FactionLensError(f"{len(ids)} ids for {len(texts)} texts")
        out: List[Dict[str, Any]] = []
        for doc, mentions in zip(ids, self.scan_many(texts, threads)):
            for m in mentions:
                out.append({"doc": doc, **m})
        return out

    def entities(self) -> List[Dict[str, Any]]:
        """Every entity record in force (the knowledge-base schema: id, name, type, aliases, …)."""
        return json.loads(self._core.entities_json())

    def entity(self, id: str) -> Optional[Dict[str, Any]]:
        """One entity's card: its record plus ``origin``, ``relation_names`` and ``incoming`` relations,
        or None for an unknown id."""
        card = self._core.card_json(id)
        return None if card is None else json.loads(card)
