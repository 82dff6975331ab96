"""The document kinds: what each asks for (a form), what its template gets (a context).

A kind's form turns what the curator entered into JSON-safe `data` stored with the document;
`context(data, organization)` turns that data into the template context, resolving people
again, so a draft regenerates from the current names. Later areas add kinds with `register`.
"""

from nastavnik.documents.kinds import (  # noqa: F401  (register kinds)
    analytical_note,
    annual_report,
    consents,
    orders,
    program,
    regulation,
    roadmap,
)
from nastavnik.documents.kinds.base import KINDS, DocumentKind, get_kind, register

__all__ = ["KINDS", "DocumentKind", "get_kind", "register"]
