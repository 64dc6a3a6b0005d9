#!/usr/bin/env python3
"""Writes the corpus of bad import files next to this script (run once; the files are committed).

Text files are plain UTF-8; the binary, Windows-1258 and UTF-16 files are written from bytes here
because an editor would not keep them as they are.
"""
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
H = "unit_code,date,kind,mode,duration_minutes,documents_ahead,upper_level_attended,expected,present,absent_with_reason,absent_without_reason,exempt_attended,speakers,score"


def row(unit="C1", date="10/07/2026", kind="regular", duration="95", expected="18", present="16", reason="2", noreason="0", speakers="4", score="85"):
    return f"{unit},{date},{kind},in_person,{duration},yes,no,{expected},{present},{reason},{noreason},0,{speakers},{score}"


def write(name, text, newline="\n"):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text.replace("\n", newline))


def meetings(name, *rows, header=H):
    write(name, header + "\n" + "\n".join(rows) + "\n")


meetings("unknown-unit.csv", row(), row(unit="C77", date="11/07/2026"))
meetings("date-outside-validity.csv", row(date="15/06/2019"))
meetings("not-a-cell.csv", row(unit="G"))
meetings("counts-do-not-add-up.csv", row(expected="18", present="15", reason="2"))
meetings("present-over-expected.csv", row(expected="18", present="19", reason="0"))
meetings("duration-zero.csv", row(duration="0"))
meetings("score-over-100.csv", row(score="120"))
meetings("duplicate-in-file.csv", row(), row(date="2026-07-10"))
meetings("duplicate-of-stored-row.csv", row(date="10/10/2024", expected="18", present="10", reason="8"))
meetings("out-of-scope.csv", row(unit="C1"))
meetings("missing-columns.csv", "C1,10/07/2026,regular,in_person,95,yes,no,18,16,2,0,0",
         header=H.replace(",speakers,score", ""))
meetings("extra-columns.csv", row() + ",ghi chú", header=H + ",comment")
write("empty.csv", "")
write("header-only.csv", H + "\r\n", newline="\r\n")
meetings("unbalanced-quotes.csv", row(), 'C1,"11/07/2026,regular,in_person,95,yes,no,18,16,2,0,0,4,85', row(date="12/07/2026"))
meetings("formula-cells.csv",
         row(duration="=SUM(A1)"),
         row(date="11/07/2026", expected="@18"),
         row(unit="=C1", date="12/07/2026"),
         row(date="13/07/2026", present="-16", reason="2"),
         row(date="14/07/2026", speakers="+1+1"))
write("survey-answer-out-of-scale.csv",
      "unit_code,quarter,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,suggestion\n"
      "C1,2026-Q3,1,5,1,4,2,4,4,4,4,1,5,\n"
      "C1,2026-Q3,4,7,1,4,2,4,4,4,4,1,5,\n")
write("unknown-practice.csv",
      "practice_code,unit_code,stage,started_on,ended_on,notes\nM99,C1,adopted,01/03/2026,,\n")

with open(os.path.join(HERE, "binary.csv"), "wb") as f:
    f.write(bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]) + bytes(range(256)))
def cp1258(text):
    """Windows-1258 keeps ô, ơ, ư, â, ă, ê, đ precomposed and writes tone marks as combining characters."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tone = next(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
            marks.remove(tone)
            out += unicodedata.normalize("NFC", base + "".join(marks)).encode("cp1258") + tone.encode("cp1258")
    return out


# "Chi bộ ấp Chợ Dưới" in Windows-1258 (Vietnamese ANSI, with combining tone marks), as old Excel saves it.
with open(os.path.join(HERE, "windows-1258.csv"), "wb") as f:
    f.write((H + "\r\n").encode("ascii") + "C1,10/07/2026,regular,in_person,95,yes,no,18,16,2,0,0,4,85\r\n".encode("ascii")
            + cp1258("Chi bộ ấp Chợ Dưới") + b"\r\n")
with open(os.path.join(HERE, "utf16.csv"), "wb") as f:
    f.write((H + "\r\n" + row() + "\r\n").encode("utf-16"))
