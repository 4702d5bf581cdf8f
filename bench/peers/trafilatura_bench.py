"""Times trafilatura over every page folder's source.html in DIR. Interpreter
startup and file reading are excluded: pages are read first, one warm-up pass
runs, then passes repeat until MIN_SECONDS. Prints {"passes": n, "seconds": s,
"cpu_seconds": c} (c: the process's CPU time over the same passes).
Usage: python trafilatura_bench.py DIR MIN_SECONDS
"""
import json, os, sys, time

import trafilatura

folder, min_seconds = sys.argv[1], float(sys.argv[2] if len(sys.argv) > 2 else 2)
pages = []
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name, 'source.html')
    if os.path.isfile(path):
        with open(path, 'rb') as f:
            pages.append(f.read())


def one_pass():
    for html in pages:
        trafilatura.extract(html)


one_pass()
start, cpu_start = time.perf_counter(), time.process_time()
passes = 0
while True:
    one_pass()
    passes += 1
    seconds = time.perf_counter() - start
    if seconds >= min_seconds:
        break
cpu_seconds = time.process_time() - cpu_start
print(json.dumps({'passes': passes, 'seconds': seconds, 'cpu_seconds': cpu_seconds, 'pages': len(pages)}))
