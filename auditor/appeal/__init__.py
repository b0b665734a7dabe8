"""The related-account appeal: a letter that discloses what the data shows.

Build the content from an audit result and the seller's explanations, then write it as
DOCX, Markdown or HTML:

>>> import auditor
>>> from auditor.appeal import build_appeal, load_explanations, write_appeal
>>> result = auditor.audit(["samples/"])                              # doctest: +SKIP
>>> ex = load_explanations("samples/appeal/explanations.yaml")        # doctest: +SKIP
>>> appeal = build_appeal(result, "A8HDZ30KTJO6GW", explanations=ex)  # doctest: +SKIP
>>> appeal.framing                                                    # doctest: +SKIP
'disclosure'
>>> write_appeal(appeal, "appeal-A1.docx")                            # doctest: +SKIP
PosixPath('appeal-A1.docx')

The letter never hides a shared identifier and never states what the explanations file
does not: see :mod:`auditor.appeal.model` for how the framing is chosen.
"""

from auditor.appeal.document import Document, layout
from auditor.appeal.explanations import Explanations, load_explanations, parse_explanations
from auditor.appeal.model import (
    FRAMING_DISCLOSURE,
    FRAMING_NO_LINKS,
    FRAMING_SEPARATION,
    Appeal,
    Finding,
    build_appeal,
)
from auditor.appeal.write import write_appeal

__all__ = [
    "FRAMING_DISCLOSURE",
    "FRAMING_NO_LINKS",
    "FRAMING_SEPARATION",
    "Appeal",
    "Document",
    "Explanations",
    "Finding",
    "build_appeal",
    "layout",
    "load_explanations",
    "parse_explanations",
    "write_appeal",
]
