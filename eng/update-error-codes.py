#!/usr/bin/env python3
"""Regenerates the table in docs/error-codes.md from the XML docs of ErrorCodes.cs (a test checks they agree)."""
import re, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
src = (root / "src/SmartCity.Domain/Validation/ErrorCodes.cs").read_text()
items = re.findall(r'/// <summary>(.*?)</summary>\s*public const string (\w+) = "([^"]+)";', src, re.S)
rows = "\n".join(f"| `{code}` | {re.sub(r'<[^>]+>', '', doc).strip().replace('|', '/')} |" for doc, _, code in items)
doc = root / "docs/error-codes.md"
text = doc.read_text()
start = text.index("| code | meaning |")
end = text.index("\n\n", start)
doc.write_text(text[:start] + "| code | meaning |\n|---|---|\n" + rows + text[end:])
