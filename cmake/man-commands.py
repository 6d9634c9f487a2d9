#!/usr/bin/env python3
"""Writes accord(1) from its template and the command's own help: the COMMANDS section
lists every sub-command that `accord --help` lists, each with its synopsis and its
`accord NAME --help` text, so the page never falls behind the command table.

usage: man-commands.py ACCORD TEMPLATE OUT
"""
import re
import subprocess
import sys


def esc(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return text


def line(text):
    text = esc(text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def run(accord, *args):
    return subprocess.run([accord, *args], check=True, capture_output=True,
                          text=True).stdout


def commands(accord):
    out, listing = [], False
    for l in run(accord, "--help").splitlines():
        if l.startswith("Commands:"):
            listing = True
        elif listing and not l.strip():
            break
        elif listing:
            m = re.match(r"^  (\S+)\s+(.*)$", l)
            if m:
                out.append((m.group(1), m.group(2)))
    return out


OPTION = re.compile(r"^  (\S.*?)\s{2,}(\S.*)$")


def options_block(lines):
    """True for "  TAG  text" entries whose continuation lines start at the text's
    column (anything more deeply nested keeps its layout instead)."""
    column = None
    for l in lines:
        m = OPTION.match(l)
        if m:
            column = m.start(2)
        elif column is None or len(l) - len(l.lstrip(" ")) != column:
            return False
    return column is not None


def body_to_roff(text):
    """Paragraphs become filled text; option lists become .TP entries; anything else
    (indented tables, examples) stays as it is written."""
    out = []
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    for block in blocks:
        lines = block.split("\n")
        if lines[0].rstrip().endswith(":") and not lines[0].startswith(" "):
            out.append(".PP")
            out.append(line(lines[0].rstrip()))
            lines = lines[1:]
            if not lines:
                continue
        if all(not l.startswith(" ") for l in lines):
            out.append(".PP")
            out.extend(line(l.strip()) for l in lines)
            continue
        if options_block(lines):
            for l in lines:
                m = OPTION.match(l)
                if m:
                    out.append(".TP")
                    out.append("\\fB" + line(m.group(1)) + "\\fR")
                    out.append(line(m.group(2)))
                else:
                    out.append(line(l.strip()))
            continue
        out.append(".PP")
        out.append(".nf")
        out.extend(line(l) for l in lines)
        out.append(".fi")
    return "\n".join(out)


def main():
    accord, template, dest = sys.argv[1:4]
    parts = []
    for name, summary in commands(accord):
        text = run(accord, name, "--help")
        usage, _, body = text.partition("\n\n")
        usage = usage[len("usage: "):] if usage.startswith("usage: ") else usage
        # continuation lines are aligned under "usage: "; the page has no such prefix
        usage = "\n".join(l[7:] if i and l.startswith(" " * 7) else l
                          for i, l in enumerate(usage.split("\n")))
        parts.append('.SS "%s"' % name)
        parts.append(line(summary[0].upper() + summary[1:] + "."))
        parts.append(".PP")
        parts.append(".nf")
        parts.extend("\\fB" + line(l) + "\\fR" for l in usage.split("\n"))
        parts.append(".fi")
        parts.append(body_to_roff(body))
    version = run(accord, "--version").split()[-1]
    page = open(template, encoding="utf-8").read()
    page = page.replace("@VERSION@", version).replace("@COMMANDS@", "\n".join(parts))
    with open(dest, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
