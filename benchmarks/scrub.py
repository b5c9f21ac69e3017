"""How long scrubbing takes per stored message, on ordinary and on adversarial text.

    python benchmarks/scrub.py

Times :func:`bot.privacy.scrub` (e-mail patterns, ``phonenumbers``, ID-card patterns) on
typical citizen messages and on 2,000-character inputs built to make patterns backtrack (the
longest text the dialogue stores). Prints the median of 21 runs in milliseconds.
"""

from __future__ import annotations

import statistics
import time

from bot.privacy import scrub

CASES = {
    "short question": "làm giấy khai sinh ở đâu vậy ad",
    "with phone, CCCD, e-mail": "số tôi 0912 345 678, cccd 079203001234, mail a.b@gmail.com nhờ gọi lại",
    "fees and codes": "thủ tục 1.000894 theo 163/QĐ-BTP, phí 50.000 đồng, hẹn 12/03/2026",
    "2,000 letters": "x" * 2000,
    "2,000 digits": "1" * 2000,
    "'a.b' × 666": "a.b" * 666,
    "'a@b.' × 500": "a@b." * 500,
    "'0912 ' × 400": "0912 " * 400,
    "'1 ' × 1000": "1 " * 1000,
}


def median_ms(text: str, runs: int = 21) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        scrub(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    for name, text in CASES.items():
        print(f"{name:28} {len(text):5} chars  {median_ms(text):8.3f} ms")


if __name__ == "__main__":
    main()
