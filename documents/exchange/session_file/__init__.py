"""The session file: one whole session as JSON, validated against ``schema.json``.

``read_session_file`` parses and checks a file, ``import_session`` writes it (all or nothing,
idempotent), and ``export_session`` + ``dumps`` give it back. Exporting, importing into an
empty database and exporting again yields the same bytes.
"""

from documents.exchange.session_file.dump import dumps, export_session
from documents.exchange.session_file.load import import_session
from documents.exchange.session_file.validate import read_session_file

__all__ = ["dumps", "export_session", "import_session", "read_session_file"]
