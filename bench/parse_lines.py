"""Reading pathological lines costs about what ordinary text of the same size does.

    .venv/bin/python bench/parse_lines.py [--runs 5]

For plain text, corpus markdown and PDF, prints the median time to parse ordinary text (words)
and the same number of characters as one word per line, at growing sizes, and their ratio.
Linear readers keep the ratio near 1 at every size; a quadratic one grows it with the size.
No database needed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.treaties.pdf_render import render_one_line_pdf
from treaties.parsing.markdown import parse_markdown
from treaties.parsing.pdf import parse_pdf
from treaties.parsing.plaintext import parse_plain_text

FRONT = "---\nid: bench\ntitle: Invented Bench Convention\n---\n"


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def words(size: int) -> str:
    return " ".join(["protocol"] * (size // 9 + 1))[:size].rstrip()


READERS: dict[str, Callable[[str], Callable[[], object]]] = {
    "plain text": lambda line: lambda: parse_plain_text(f"{FRONT}Article 1\n\n{line}\n"),
    "markdown": lambda line: lambda: parse_markdown(f"{FRONT}## Article 1\n{line}\n"),
    "PDF": lambda line: (lambda data: lambda: parse_pdf(data, slug="bench", title="Bench"))(render_one_line_pdf(line)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'reader':<11} {'chars':>7} {'words ms':>9} {'one word ms':>12} {'ratio':>6}")
    for name, reader in READERS.items():
        for size in (2_500, 5_000, 10_000, 19_000):
            normal = median_ms(reader(words(size)), args.runs)
            odd = median_ms(reader("a" * size), args.runs)
            print(f"{name:<11} {size:>7} {normal:>9.2f} {odd:>12.2f} {odd / normal:>6.2f}")


if __name__ == "__main__":
    main()
