#!/usr/bin/env python3
"""PyTorch peer of LeNet Lab's training benchmark (issue 7).

Trains one epoch of the same network LeNet Lab builds -- the classic LeNet-5 (org.lenetlab.model.LeNet5) or the
Keras-style LeNet (org.lenetlab.model.KerasLeNet) -- on the same Fashion-MNIST IDX gzip files, with the same
batch size, optimiser and pixel scaling, and prints one JSON line:

  {"engine": "pytorch", "arch": ..., "threads": N, "images": 60000, "seconds": ..., "images_per_second": ...,
   "peak_rss_bytes": ..., "loss": ...}

"seconds" covers the training loop only (shuffling, batching, forward, backward, Adam step), as LeNet Lab's
EpochRecord.seconds() does; loading the files is excluded. "loss" is the mean training loss over the epoch's
batches weighted by batch size, as EpochRecord.loss().

Usage: lenet_peer.py --arch classic|keras --threads N [--data DIR] [--batch 64] [--limit N] [--seed 1]
Needs: apt-get install python3-torch (PyTorch 1.13 on Debian 12).
"""
import argparse
import gzip
import json
import os
import resource
import struct
import sys
import time

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError as e:  # pragma: no cover - reported to the Java side as a clear message
    print(f"lenet_peer: {e}. Install PyTorch with: apt-get install python3-torch", file=sys.stderr)
    sys.exit(3)

CLASSIC_PARAMS = 61_706
KERAS_PARAMS = 1_256_080


def read_idx(path):
    """Reads an IDX gzip file (images: uint8 N x rows x cols, labels: uint8 N)."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    if magic >> 8 != 0x08 or dims not in (1, 3):
        raise SystemExit(f"lenet_peer: {path} is not an unsigned-byte IDX file (magic {magic:#x})")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def classic_lenet5():
    """LeNet-5 as org.lenetlab.model.LeNet5 builds it: 28x28 zero-padded to 32x32, tanh, average pooling."""
    return nn.Sequential(
        nn.ZeroPad2d(2),
        nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(16, 120, 5), nn.Tanh(), nn.Flatten(),
        nn.Linear(120, 84), nn.Tanh(),
        nn.Linear(84, 10))


def keras_lenet():
    """The Keras-tutorial LeNet as org.lenetlab.model.KerasLeNet builds it: 20/50 filters 'same', ReLU, max pool."""
    return nn.Sequential(
        nn.Conv2d(1, 20, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(20, 50, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(7 * 7 * 50, 500), nn.ReLU(),
        nn.Linear(500, 10))


def xavier_uniform(model):
    """Glorot-uniform weights and zero biases, as DL4J's WeightInit.XAVIER_UNIFORM (LeNet Lab's default)."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--arch", choices=["classic", "keras"], default="classic")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images (0: all)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if a.threads < 1 or a.batch < 1:
        raise SystemExit(f"lenet_peer: --threads and --batch must be at least 1 (got {a.threads}, {a.batch})")

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images_path = os.path.join(a.data, "train-images-idx3-ubyte.gz")
    labels_path = os.path.join(a.data, "train-labels-idx1-ubyte.gz")
    for path in (images_path, labels_path):
        if not os.path.isfile(path):
            raise SystemExit(f"lenet_peer: {path} not found. Install it with: apt-get install dataset-fashion-mnist")
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if a.limit > 0:
        images, labels = images[:a.limit], labels[:a.limit]
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))

    model = classic_lenet5() if a.arch == "classic" else keras_lenet()
    xavier_uniform(model)
    params = sum(t.numel() for t in model.parameters())
    expected = CLASSIC_PARAMS if a.arch == "classic" else KERAS_PARAMS
    assert params == expected, f"{a.arch}: {params} parameters, LeNet Lab's model has {expected}"
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()  # softmax + cross-entropy, as DL4J's softmax output with MCXENT

    model.train()
    n = x.shape[0]
    total = 0.0
    start = time.perf_counter()
    order = torch.randperm(n)
    for s in range(0, n, a.batch):
        idx = order[s:s + a.batch]
        optimiser.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        optimiser.step()
        total += loss.item() * len(idx)
    seconds = time.perf_counter() - start

    print(json.dumps({
        "engine": "pytorch " + torch.__version__,
        "arch": a.arch,
        "threads": a.threads,
        "images": n,
        "seconds": round(seconds, 3),
        "images_per_second": round(n / seconds, 1),
        # ru_maxrss is in KiB on Linux
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "loss": round(total / n, 6),
    }))


if __name__ == "__main__":
    main()
