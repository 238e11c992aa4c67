"""Small real files for upload tests, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name="notat.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def jpeg_with_exif(name="foto.jpg"):
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Kameraproducent"  # Make
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name="graf.png"):
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 100, 200, 255)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def office_zip(name, members: dict[str, bytes], content_type="application/zip"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


def docx(name="rapport.docx"):
    return office_zip(
        name, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}
    )


def xlsx(name="tal.xlsx"):
    return office_zip(
        name, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}
    )


def odt(name="notat.odt"):
    return office_zip(
        name,
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<o/>",
        },
    )
