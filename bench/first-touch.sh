#!/usr/bin/env bash
# What memory touched for the first time costs on this machine (docs/adr/0310): maps SIZE_MB of fresh anonymous memory,
# writes one byte per 4 KB page and times it, then the same on a mapping advised for transparent huge pages
# (madvise(MADV_HUGEPAGE), what a `tenure` command does for its heap when its probe finds huge pages quicker or with TENURE_HUGE_PAGES=1, docs/adr/0490). Each test runs ROUNDS times on fresh mappings.
#
#   bench/first-touch.sh [SIZE_MB=512] [ROUNDS=3]
#
# On the development machine (a virtual machine, Linux 6.18, THP "madvise") on 2026-12-04: 11-12 microseconds a 4 KB page
# (about 340 MB/s); advised, 0.3 microseconds a page once the kernel has free huge pages. On 2026-12-07 the same machine
# gave 2.2 microseconds a 4 KB page and, advised, 11 microseconds a page in round 1 (fresh 2 MB pages from its host),
# 0.3 in rounds 2 and 3 (the pages round 1 gave back): a command touches its memory once, as in round 1 (ADR 0450).
# Later that day 4 KB pages cost 11-15 microseconds and huge pages 5-10 in round 1; a command now times 2 MB of each at
# its start and takes the quicker (ADR 0490).
set -euo pipefail
size_mb="${1:-512}"
rounds="${2:-3}"
echo "transparent huge pages: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo 'not available'), defrag: $(cat /sys/kernel/mm/transparent_hugepage/defrag 2>/dev/null || echo '-')"
/usr/bin/env python3 - "$size_mb" "$rounds" <<'PY'
import mmap, sys, time
size = int(sys.argv[1]) << 20
rounds = int(sys.argv[2])
page = 4096
for advised in (False, True):
    for r in range(rounds):
        m = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        if advised:
            m.madvise(mmap.MADV_HUGEPAGE)
        start = time.perf_counter()
        for offset in range(0, size, page):
            m[offset] = 1
        first = time.perf_counter() - start
        start = time.perf_counter()
        for offset in range(0, size, page):
            m[offset] = 2
        again = time.perf_counter() - start
        m.close()
        pages = size // page
        label = "advised for huge pages" if advised else "4 KB pages            "
        print(f"{label} round {r + 1}: first touch {first * 1e3:7.0f} ms ({(first - again) * 1e6 / pages:6.2f} us a page, "
              f"{size / (1 << 20) / first:7.0f} MB/s); touched again {again * 1e3:5.0f} ms")
PY
