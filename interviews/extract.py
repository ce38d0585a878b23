"""Resume text extraction, run as a child process with CPU, memory and output limits.

    python -m interviews.extract pdf|docx|txt < file > text

A hostile file (a PDF bomb, a zip bomb) can only exhaust this child, which the parent kills.
Exit codes: 0 text on stdout, 3 encrypted, 4 unreadable.
"""

import io
import resource
import sys
import zipfile

MAX_TEXT_CHARS = 100_000
MAX_PDF_PAGES = 40
MAX_DOCX_UNCOMPRESSED = 40 * 1024 * 1024
ENCRYPTED, UNREADABLE = 3, 4


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))


def pdf_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return extract_text(io.BytesIO(data), maxpages=MAX_PDF_PAGES)
    except (PDFEncryptionError, PDFPasswordIncorrect):
        sys.exit(ENCRYPTED)


def docx_text(data: bytes) -> str:
    import docx

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "EncryptedPackage" in archive.namelist():
            sys.exit(ENCRYPTED)
        if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNCOMPRESSED:
            sys.exit(UNREADABLE)  # a zip bomb dressed as a resume
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def txt_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    sys.exit(UNREADABLE)


EXTRACTORS = {"pdf": pdf_text, "docx": docx_text, "txt": txt_text}


def main() -> None:
    kind = sys.argv[1]
    limit_resources(int(sys.argv[2]), int(sys.argv[3]))
    data = sys.stdin.buffer.read()
    try:
        text = EXTRACTORS[kind](data)
    except SystemExit:
        raise
    except Exception:  # whatever a malformed file makes the parser raise
        sys.exit(UNREADABLE)
    sys.stdout.write(text[:MAX_TEXT_CHARS])


if __name__ == "__main__":
    main()
