"""Driver of bench/export.sh: builds the data, runs each contender once on a warm page cache."""
import os
import resource
import shutil
import subprocess
import sys
import time

kirjuri, bagit, work, files, kib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
src = os.path.join(work, "files")
os.makedirs(src)
for n in range(files):
    with open(os.path.join(src, f"record-{n:05d}.pdf"), "wb") as f:
        f.write(os.urandom(kib * 1024))
total_mib = files * kib / 1024
env = dict(os.environ, KIRJURI_DATA=os.path.join(work, "data"))

def run(args, **kw):
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)

run([kirjuri, "keys", "init"])
run([kirjuri, "ingest", src, "--class", "00.02.00", "--record-type", "valtuusto-poytakirja", "--case-title", "bench"])

def warm(folder):
    for root, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(root, name), "rb") as f:
                while f.read(1 << 20):
                    pass

def timed(label, args, cwd=None):
    warm(os.path.join(work, "data", "blobs"))
    warm(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return label, seconds, peak if peak > before else None

results = []
results.append(timed("kirjuri archive export (hash + zip + sign)", [kirjuri, "archive", "export", "--case", "case-1", "--out", os.path.join(work, "package.zip")]))
names = sorted(os.listdir(src))
results.append(timed("openssl dgst -sha256 (hashing alone)", ["openssl", "dgst", "-sha256", *names], cwd=src))
results.append(timed("dd conv=fsync of the same byte count (durable-write floor)", ["dd", "if=/dev/zero", f"of={os.path.join(work, 'dd.bin')}", "bs=1M", f"count={int(total_mib)}", "conv=fsync"]))
os.remove(os.path.join(work, "dd.bin"))
copy = os.path.join(work, "bagit-copy")
shutil.copytree(src, copy)
results.append(timed("bagit.py --sha256 (build bag)", [bagit, "--sha256", "--processes", "1", copy]))

print(f"data: {files} files x {kib} KiB = {total_mib:.0f} MiB")
print(f"{'contender':46} {'seconds':>8} {'MiB/s':>8} {'peak RSS':>10}")
for label, seconds, peak in results:
    rss = f"{peak / 1024:.0f} MiB" if peak else "-"
    print(f"{label:46} {seconds:8.2f} {total_mib / seconds:8.0f} {rss:>10}")
export_s = results[0][1]
print(f"export vs bagit.py: {results[3][1] / export_s:.2f}x faster; export vs hashing alone: {export_s / results[1][1]:.2f}x the time; export vs durable write alone: {export_s / results[2][1]:.2f}x")
check = subprocess.run([kirjuri, "archive", "verify", os.path.join(work, "package.zip")], env=env, capture_output=True, text=True)
print("verify:", check.stdout.strip().splitlines()[-1] if check.stdout else check.stderr.strip())
