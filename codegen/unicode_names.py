"""Writes codegen/unicode_names.dat, the Unicode character names `\\N{...}` escapes look up.

Run with CPython 3.13.0 (its unicodedata: Unicode 15.1.0) from the repository root:

    python3 codegen/unicode_names.py [/usr/share/perl/5.36.0/unicore/Name.pl]

codegen/unicode_names.ts reads the file (zlib-compressed UTF-8 text) the first time a string
literal holds a `\\N{` escape. Its lines:

    unicode 15.1.0            the version, first
    =PREFIX<TAB>FIRST<TAB>LAST  names PREFIX + the code point in hex (4 digits at least), from FIRST
                              to LAST (hex): CJK compatibility ideographs, Khitan, Nushu
    ~PREFIX<TAB>FIRST<TAB>LAST  the same for CJK unified ideographs, which CPython's lookup reads
                              with 4 or 5 upper-case hex digits
    @HEX NAME                 NAME is the name of code point HEX
    NAME                      the name of the code point after the previous line's
    !HEX NAME                 NAME is an alias of code point HEX (NameAliases.txt)

Hangul syllables, whose names are computed (Unicode 3.12), are left to the reader. CPython ships
no list of the aliases it accepts: the candidates are the single-code-point names of Perl's
unicore/Name.pl (Unicode 14.0; names and aliases), kept when CPython's `\\N{...}` accepts them
for that code point and they are not the code point's name.
"""

import re
import sys
import unicodedata
import zlib

assert sys.version_info[:3] == (3, 13, 0), "run with CPython 3.13.0"

RANGED = re.compile(r"(CJK UNIFIED IDEOGRAPH-|CJK COMPATIBILITY IDEOGRAPH-|KHITAN SMALL SCRIPT CHARACTER-|NUSHU CHARACTER-)([0-9A-F]+)")


def ranges(points):
    out = []
    for cp in points:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def escape_ok(name, cp):
    try:
        return eval('"\\N{%s}"' % name) == chr(cp)
    except SyntaxError:
        return False


def main():
    perl = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/perl/5.36.0/unicore/Name.pl"
    lines = [f"unicode {unicodedata.unidata_version}"]
    ranged = {}
    named = []
    for cp in range(0x110000):
        name = unicodedata.name(chr(cp), None)
        if name is None or name.startswith("HANGUL SYLLABLE "):
            continue
        m = RANGED.fullmatch(name)
        if m and int(m.group(2), 16) == cp:
            ranged.setdefault(m.group(1), []).append(cp)
        else:
            named.append((cp, name))
    for prefix, points in ranged.items():
        mark = "~" if prefix.startswith("CJK UNIFIED") else "="
        for first, last in ranges(points):
            lines.append(f"{mark}{prefix}\t{first:X}\t{last:X}")
    previous = -2
    for cp, name in named:
        assert escape_ok(name, cp), name
        lines.append(name if cp == previous + 1 else f"@{cp:X} {name}")
        previous = cp
    text = open(perl, encoding="utf-8").read()
    aliases = set()
    for hexes, name in re.findall(r"^([0-9A-F]+)\n(.+)$", text, re.M):
        cp = int(hexes, 16)
        if unicodedata.name(chr(cp), None) != name and escape_ok(name, cp):
            aliases.add((cp, name))
    for cp, name in sorted(aliases):
        lines.append(f"!{cp:X} {name}")
    data = zlib.compress(("\n".join(lines) + "\n").encode(), 9)
    with open("codegen/unicode_names.dat", "wb") as f:
        f.write(data)
    print(f"{len(named)} names, {len(aliases)} aliases, {len(data)} bytes")


main()
