"""The corpus of malformed uploads (issue 10), made at test time rather than kept as binaries.

    python -m tests.corpus.make_corpus [folder]   # writes the files to look at them

Each entry is (file name, contents): what a tired curator, a broken scanner or an attacker
might send in place of a staff list, a scan or an attachment.
"""

import io
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

# The sheet of the «bomb»: this many bytes of XML that pack into a few dozen kilobytes.
BOMB_BYTES = 24 * 1024 * 1024


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Фамилия", "Имя", "Отчество", "Должность"])
    for i in range(200):
        sheet.append([f"Иванова{i}", "Анна", "Петровна", "Учитель математики"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bomb() -> bytes:
    """A real XLSX whose sheet unpacks to BOMB_BYTES of rows: the parts of a valid workbook and
    a sheet of the same row over and over."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx()))
    out = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(item, source.read(item))
                continue
            with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
                    b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                chunk = row * 1024
                for _ in range(BOMB_BYTES // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _zip_of_other_things() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "Это архив, а не таблица.")
        archive.writestr("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    return out.getvalue()


def _broken_csv() -> bytes:
    rows = [
        "Фамилия;Имя;Отчество;Должность;Дата рождения",
        "Иванова;Анна;Петровна;Учитель;01.02.1990",
        '"Петрова;Мария;Ивановна;Учитель;31.02.1985',  # an unclosed quote, a date that is not
        ";;;;",
        "Сидорова;Елена",  # too few columns
        "Кузнецова;Ольга;Сергеевна;Учитель;12.12.1980;лишнее;ещё",  # too many
        "\x00\x01\x02;мусор;;;",
    ]
    return "\r\n".join(rows).encode("cp1251", errors="replace")


def corpus() -> dict[str, tuple[str, bytes]]:
    """Malformed uploads by kind: (the name it is sent under, the bytes)."""
    whole = _xlsx()
    return {
        "truncated_xlsx": ("список.xlsx", whole[: len(whole) // 2]),
        "bomb_xlsx": ("список.xlsx", _bomb()),
        "zip_not_xlsx": ("список.xlsx", _zip_of_other_things()),
        "exe_as_xlsx": ("список.xlsx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000),
        "html_as_xlsx": (
            "список.xlsx",
            b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        ),
        "empty": ("список.xlsx", b""),
        "docx_wrong_magic": ("приказ.docx", "Это не документ Word.".encode()),
        "pdf_wrong_magic": ("скан.pdf", b"GIF89a\x01\x00\x01\x00" + b"\x00" * 64),
        "csv_cp1251_broken": ("список.csv", _broken_csv()),
    }


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "var/corpus")
    folder.mkdir(parents=True, exist_ok=True)
    for key, (name, content) in corpus().items():
        (folder / f"{key}__{name}").write_bytes(content)
        print(f"{key}: {len(content)} bytes")
