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

With --eval, the trained network then classifies the 10,000 test images in batches of 1024 (as LeNet Lab's
Evaluator does) and the line also has "eval_images", "eval_seconds" and "test_accuracy".

With --to-accuracy T, it instead trains epoch after epoch, evaluating the test set (accuracy and loss, batches of
1024) after each, until the test accuracy reaches T or --max-epochs have run, and prints
  {"engine": ..., "arch": ..., "threads": N, "target": T, "reached": ..., "epochs": ..., "seconds": ...,
   "train_seconds": ..., "accuracies": [...], "peak_rss_bytes": ...}
where "seconds" runs from the start of training to the end of the last evaluation.
--recipe picks that run's optimiser and learning-rate schedule, as org.lenetlab.bench.Recipe does for LeNet Lab:
  adam           Adam 1e-3, constant (the one-epoch run always uses it)
  nesterov-step  SGD with Nesterov momentum 0.9, rate 0.05, halved every 5 epochs (StepLR after each epoch; DL4J's
                 Nesterovs keeps its velocity in rate units, so the two differ slightly just after a step)

Usage: lenet_peer.py --arch classic|keras --threads N [--data DIR] [--batch 64] [--limit N] [--seed 1] [--eval]
       lenet_peer.py --arch classic|keras --threads N --to-accuracy 0.904 [--max-epochs 30] [--recipe adam]
                     [--data DIR] ...
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


def load(data, split, limit=0):
    """Images as float tensors N x 1 x 28 x 28 scaled to [0, 1], labels as int64."""
    prefix = "train" if split == "train" else "t10k"
    images_path = os.path.join(data, prefix + "-images-idx3-ubyte.gz")
    labels_path = os.path.join(data, prefix + "-labels-idx1-ubyte.gz")
    for path in (images_path, labels_path):
        if not os.path.isfile(path):
            raise SystemExit(f"lenet_peer: {path} not found. Install it with: apt-get install dataset-fashion-mnist")
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if limit > 0:
        images, labels = images[:limit], labels[:limit]
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def adam_constant(params):
    return torch.optim.Adam(params, lr=1e-3), None


def nesterov_step(params):
    optimiser = torch.optim.SGD(params, lr=0.05, momentum=0.9, nesterov=True)
    return optimiser, torch.optim.lr_scheduler.StepLR(optimiser, step_size=5, gamma=0.5)


# --recipe: the optimiser and the per-epoch schedule (None: a constant rate) for a model's parameters
RECIPES = {"adam": adam_constant, "nesterov-step": nesterov_step}


def train_epoch(model, optimiser, loss_fn, x, y, batch):
    """One shuffled epoch; returns the mean loss weighted by batch size."""
    model.train()
    n = x.shape[0]
    total = 0.0
    order = torch.randperm(n)
    for s in range(0, n, batch):
        idx = order[s:s + batch]
        optimiser.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        optimiser.step()
        total += loss.item() * len(idx)
    return total / n


def evaluate(model, loss_fn, x, y, batch=1024):
    """Test accuracy and mean loss, in inference mode."""
    model.eval()
    correct = 0
    total = 0.0
    with torch.no_grad():
        for s in range(0, x.shape[0], batch):
            out = model(x[s:s + batch])
            total += loss_fn(out, y[s:s + batch]).item() * out.shape[0]
            correct += (out.argmax(1) == y[s:s + batch]).sum().item()
    return correct / x.shape[0], total / x.shape[0]


def peak_rss_bytes():
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--arch", choices=["classic", "keras"], default="classic")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--limit", type=int, default=0, help="use only the first N training images (0: all)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--eval", action="store_true", help="evaluate the 10,000 test images after the epoch")
    p.add_argument("--to-accuracy", type=float, default=0.0,
                   help="train until the test accuracy reaches this fraction (time-to-accuracy run)")
    p.add_argument("--max-epochs", type=int, default=30, help="epoch budget of a time-to-accuracy run")
    p.add_argument("--recipe", choices=sorted(RECIPES), default="adam",
                   help="optimiser and learning-rate schedule of a time-to-accuracy run")
    a = p.parse_args()
    if a.threads < 1 or a.batch < 1:
        raise SystemExit(f"lenet_peer: --threads and --batch must be at least 1 (got {a.threads}, {a.batch})")
    if a.recipe != "adam" and not a.to_accuracy:
        raise SystemExit(f"lenet_peer: --recipe {a.recipe} is for --to-accuracy runs; one epoch uses Adam 1e-3")
    if a.to_accuracy and not (0 < a.to_accuracy <= 1 and a.max_epochs >= 1):
        raise SystemExit(f"lenet_peer: --to-accuracy must be in (0, 1] and --max-epochs at least 1 "
                         f"(got {a.to_accuracy}, {a.max_epochs})")

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y = load(a.data, "train", a.limit)
    test = load(a.data, "test") if a.eval or a.to_accuracy else None

    model = classic_lenet5() if a.arch == "classic" else keras_lenet()
    xavier_uniform(model)
    params = sum(t.numel() for t in model.parameters())
    expected = CLASSIC_PARAMS if a.arch == "classic" else KERAS_PARAMS
    assert params == expected, f"{a.arch}: {params} parameters, LeNet Lab's model has {expected}"
    optimiser, scheduler = RECIPES[a.recipe](model.parameters())
    loss_fn = nn.CrossEntropyLoss()  # softmax + cross-entropy, as DL4J's softmax output with MCXENT
    engine = "pytorch " + torch.__version__

    if a.to_accuracy:
        accuracies = []
        train_seconds = 0.0
        start = time.perf_counter()
        for _ in range(a.max_epochs):
            t0 = time.perf_counter()
            train_epoch(model, optimiser, loss_fn, x, y, a.batch)
            train_seconds += time.perf_counter() - t0
            if scheduler is not None:
                scheduler.step()
            accuracy, _ = evaluate(model, loss_fn, *test)
            accuracies.append(accuracy)
            if accuracy >= a.to_accuracy:
                break
        seconds = time.perf_counter() - start
        print(json.dumps({
            "engine": engine, "arch": a.arch, "threads": a.threads, "target": a.to_accuracy,
            "reached": accuracies[-1] >= a.to_accuracy, "epochs": len(accuracies), "seconds": round(seconds, 3),
            "train_seconds": round(train_seconds, 3), "accuracies": accuracies, "peak_rss_bytes": peak_rss_bytes(),
        }))
        return

    n = x.shape[0]
    start = time.perf_counter()
    mean_loss = train_epoch(model, optimiser, loss_fn, x, y, a.batch)
    seconds = time.perf_counter() - start
    result = {
        "engine": engine,
        "arch": a.arch,
        "threads": a.threads,
        "images": n,
        "seconds": round(seconds, 3),
        "images_per_second": round(n / seconds, 1),
        "peak_rss_bytes": peak_rss_bytes(),
        "loss": round(mean_loss, 6),
    }
    if a.eval:
        t0 = time.perf_counter()
        model.eval()
        correct = 0
        with torch.no_grad():
            for s in range(0, test[0].shape[0], 1024):
                correct += (model(test[0][s:s + 1024]).argmax(1) == test[1][s:s + 1024]).sum().item()
        result["eval_seconds"] = round(time.perf_counter() - t0, 4)
        result["eval_images"] = test[0].shape[0]
        result["test_accuracy"] = correct / test[0].shape[0]
        result["peak_rss_bytes"] = peak_rss_bytes()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
