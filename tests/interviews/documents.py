"""Resume files made in the test: a real PDF, DOCX and the hostile ones."""

import io
import zlib

MARCUS = [
    "Marcus Johnson - Account Executive",
    "Salesforce, 2021-2025: Account Executive selling Salesforce CRM to mid-market accounts.",
    "B2B sales experience: 4 years closing deals from $100K to $500K ARR.",
    "Achieved 140% of quota in 2025; President's Club winner.",
    "Tools: Salesforce power user, Outreach, Gong, HubSpot.",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF with real text objects and a correct cross-reference table."""
    content = (
        "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({_escape(line)}) '" for line in lines) + " ET"
    )
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def encrypted_pdf(lines: list[str]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(lines))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(lines: list[str]) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bomb() -> bytes:
    """A small PDF whose content stream inflates to 400 MB of nothing."""
    compressor = zlib.compressobj(9)
    block = b"\0" * (1024 * 1024)
    deflated = b"".join(compressor.compress(block) for _ in range(400)) + compressor.flush()
    header = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    pages = b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    page = b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n"
    stream = (
        b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(deflated)
        + deflated
        + b"\nendstream\nendobj\n"
    )
    return header + pages + page + stream + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
