#!/usr/bin/env python3
"""Measures OCR speed and memory: pages per second over a folder of scans.

Builds the release binary, then runs `formlos check` over the scans (images and PDFs
in FOLDER itself; the .txt files beside them and the turned pages in turned/ are left
out) on one core (RAYON_NUM_THREADS=1; Tesseract
always runs with OMP_THREAD_LIMIT=1) and on all cores, without the OCR cache, and prints
pages, wall time, pages per second, CPU seconds per page and the peak memory of formlos
and Tesseract. To show that memory stays flat it also runs over half of the files: the
peak must not grow with the number of files. Last, each file is checked on its own on
one core, and the slowest files' CPU seconds per page are printed (formlos's start
included): the goal is every page, a full page of text too, under 2 s.

Usage: python3 scripts/bench_ocr.py [FOLDER]
       (default: target/scans, written by scripts/make_scans.py when missing)
"""
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SCAN_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp")


def pages_of(path):
    if path.endswith(".pdf"):
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
        return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    if path.endswith((".tif", ".tiff")):
        from PIL import Image

        return getattr(Image.open(path), "n_frames", 1)
    return 1


def run(binary, files, threads):
    """Wall seconds, CPU seconds and peak resident memory (MiB) of one run."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    # Each run in a process of its own, so that the peak memory is this run's.
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, done.returncode)\n"
    )
    command = [sys.executable, "-c", code, binary, "check", "--isolated", "--quiet",
               "--format", "json", *files]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    wall, cpu, peak, status = output.split()
    if status not in ("0", "1"):
        sys.exit(f"formlos exited with {status}")
    return float(wall), float(cpu), float(peak)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "scans")
    if len(sys.argv) == 1:
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_scans.py"), folder],
                       check=True)
    for tool in ("tesseract", "pdftoppm", "pdfinfo"):
        if shutil.which(tool) is None:
            sys.exit(f"missing: {tool} (sudo apt-get install tesseract-ocr tesseract-ocr-deu "
                     "tesseract-ocr-osd poppler-utils)")
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = os.path.join(target, "release", "formlos")
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                   if f.lower().endswith(SCAN_EXTENSIONS))
    if not files:
        sys.exit(f"no scans in {folder}")
    pages = sum(pages_of(f) for f in files)
    half = files[: len(files) // 2]
    half_pages = sum(pages_of(f) for f in half)
    print(f"{len(files)} files, {pages} pages in {folder}")
    print(f"{'run':<28}{'pages':>6}{'wall s':>9}{'pages/s':>9}{'CPU s/page':>12}{'peak MiB':>10}")
    for label, chosen, count, threads in (
        ("one core, all files", files, pages, 1),
        ("one core, half the files", half, half_pages, 1),
        (f"{os.cpu_count()} cores, all files", files, pages, None),
    ):
        wall, cpu, peak = run(binary, chosen, threads)
        print(f"{label:<28}{count:>6}{wall:>9.1f}{count / wall:>9.2f}{cpu / count:>12.2f}{peak:>10.0f}")
    per_file = []
    for path in files:
        _, cpu, _ = run(binary, [path], 1)
        per_file.append((cpu / pages_of(path), os.path.basename(path)))
    per_file.sort(reverse=True)
    print("slowest files, one core, each on its own (CPU s per page):")
    for cpu, name in per_file[:5]:
        print(f"  {cpu:5.2f}  {name}")


if __name__ == "__main__":
    main()
