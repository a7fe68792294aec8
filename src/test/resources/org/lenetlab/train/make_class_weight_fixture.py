#!/usr/bin/python3
"""Generates the scikit-learn reference for LeNet Lab's balanced class weights (ClassWeightsTest).

Run with Debian's Python (python3-sklearn):

    /usr/bin/python3 src/test/resources/org/lenetlab/train/make_class_weight_fixture.py

It writes class-weights.json next to this script: for several seeded label arrays, the labels, the number of
classes and what sklearn.utils.class_weight.compute_class_weight("balanced", classes=..., y=...) returns, as
float64 values (JSON numbers written with repr precision, so they round-trip exactly). The file is replaced
atomically, and running the script again rewrites it identically for the same numpy and scikit-learn versions.
"""

import json
import os
import tempfile

import numpy as np
import sklearn
from sklearn.utils.class_weight import compute_class_weight

HERE = os.path.dirname(os.path.abspath(__file__))


def case(name, y, n_classes):
    y = np.asarray(y, dtype=np.int64)
    weights = compute_class_weight("balanced", classes=np.arange(n_classes), y=y)
    return {"name": name, "n_classes": n_classes, "labels": [int(v) for v in y],
            "weights": [float(w) for w in weights]}


def main():
    rng = np.random.default_rng(20030801)
    cases = [
        case("balanced10", np.repeat(np.arange(10), 7), 10),
        case("two_classes_skewed", [0] * 95 + [1] * 5, 2),
        case("digits_two_rare", np.concatenate([np.repeat(np.arange(10), 200),
                                                 np.repeat([3, 8], 10)]), 10),
        case("random_dirichlet_7", rng.choice(7, size=1234, p=rng.dirichlet(np.ones(7) * 0.7)), 7),
        case("random_uniform_51", np.concatenate([np.arange(51), rng.integers(0, 51, size=4000)]), 51),
        case("thirds", [0, 1, 1, 2, 2, 2], 3),
    ]
    out = {"generator": "sklearn.utils.class_weight.compute_class_weight('balanced')",
           "sklearn_version": sklearn.__version__, "numpy_version": np.__version__, "cases": cases}
    target = os.path.join(HERE, "class-weights.json")
    fd, tmp = tempfile.mkstemp(dir=HERE, prefix=".class-weights.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            header = {k: v for k, v in out.items() if k != "cases"}
            f.write(json.dumps(header)[:-1] + ', "cases": [\n')
            f.write(",\n".join(json.dumps(c) for c in out["cases"]))
            f.write("\n]}\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    main()
