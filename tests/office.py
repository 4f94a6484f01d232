"""LibreOffice headless, as a reader of the documents the tool writes."""

import subprocess
from pathlib import Path


def convert_to_pdf(documents: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    """Each named .docx converted to PDF by LibreOffice; fails the test with LibreOffice's own message."""
    for name, content in documents.items():
        (folder / f"{name}.docx").write_bytes(content)
    result = subprocess.run(  # noqa: S603
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *sorted(folder.glob("*.docx"))],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {name: (folder / f"{name}.pdf").read_bytes() for name in documents}
