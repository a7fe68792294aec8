#!/usr/bin/python3
"""Generates the scikit-learn reference fixtures that LeNet Lab's evaluation tests compare against.

Run from anywhere with Debian's Python (it has numpy and scikit-learn):

    /usr/bin/python3 src/test/resources/org/lenetlab/eval/make_sklearn_fixtures.py

Every fixture is seeded, so running the script again rewrites identical files (as long as the scikit-learn and
numpy versions recorded in each file are the same). Each fixture is one JSON file next to this script holding the
inputs (y_true, y_pred, class names and, where useful, per-class probabilities as float32) and what scikit-learn
computes from them: the exact text of classification_report for several `digits` and `zero_division` settings,
the per-class and averaged numbers, accuracy, the confusion matrix (plain and normalised three ways) and
top_k_accuracy_score.

Two more files pin down the arithmetic underneath: python-format.json (how Python's '{:.{d}f}' rounds, ties
included) and numpy-sums.json (np.sum and np.mean of float64 arrays, whose pairwise summation order the averages
must reproduce to the last bit).

The report is always produced with labels=range(n_classes): LeNet Lab's report lists every named class, even one
that occurs neither in y_true nor in y_pred, exactly as scikit-learn does when it is given those labels.
"""

import json
import os
import sys
import tempfile
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (accuracy_score, classification_report, confusion_matrix,
                             precision_recall_fscore_support, top_k_accuracy_score)

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT_VERSION = 1


def probabilities_for(y_true, y_pred, n_classes, rng, decimals=None):
    """Per-class float32 probabilities whose argmax is y_pred, with the true class ranked at random among the rest.

    No score in a row equals the true class's score, so top-k does not depend on how ties are broken.
    """
    n = len(y_true)
    probs = np.zeros((n, n_classes), dtype=np.float32)
    for i in range(n):
        while True:
            logits = rng.normal(0.0, 1.5, n_classes)
            logits[y_pred[i]] = logits.max() + rng.uniform(0.2, 3.0)
            p = np.exp(logits - logits.max())
            p /= p.sum()
            if decimals is not None:
                p = np.round(p, decimals)
            row = p.astype(np.float32)
            best = np.flatnonzero(row == row.max())
            true_ties = np.count_nonzero(row == row[y_true[i]])
            if len(best) == 1 and best[0] == y_pred[i] and true_ties == 1:
                probs[i] = row
                break
    return probs


def noisy_predictions(y_true, n_classes, accuracy, rng, confusions=None):
    """Predictions that are right with probability `accuracy`; mistakes go to a favoured wrong class or anywhere."""
    y_pred = y_true.copy()
    for i in range(len(y_true)):
        if rng.random() < accuracy:
            continue
        favoured = (confusions or {}).get(int(y_true[i]))
        if favoured is not None and rng.random() < 0.6:
            y_pred[i] = favoured
        else:
            choices = [c for c in range(n_classes) if c != y_true[i]]
            y_pred[i] = rng.choice(choices)
    return y_pred


def from_confusion(matrix, rng):
    """Examples (shuffled) whose confusion matrix is `matrix` (rows = true, columns = predicted)."""
    y_true, y_pred = [], []
    for t, row in enumerate(matrix):
        for p, count in enumerate(row):
            y_true += [t] * count
            y_pred += [p] * count
    order = rng.permutation(len(y_true))
    return np.array(y_true)[order], np.array(y_pred)[order]


def sklearn_numbers(y_true, y_pred, labels, zero_division):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None,
                                                     zero_division=zero_division)
        averages = {}
        for average in ("micro", "macro", "weighted"):
            ap, ar, af, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=average,
                                                            zero_division=zero_division)
            averages[average] = {"precision": float(ap), "recall": float(ar), "f1": float(af)}
    return {
        "precision": [float(v) for v in p],
        "recall": [float(v) for v in r],
        "f1": [float(v) for v in f],
        "support": [int(v) for v in s],
        **averages,
    }


def fixture(name, description, class_names, y_true, y_pred, probabilities=None, digits=(2, 4),
            zero_divisions=("warn",), top_k=(1, 2, 3, 5)):
    n_classes = len(class_names)
    labels = list(range(n_classes))
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    reports = []
    for zero_division in zero_divisions:
        for d in digits:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UndefinedMetricWarning)
                text = classification_report(y_true, y_pred, labels=labels, target_names=class_names, digits=d,
                                             zero_division=zero_division)
            reports.append({"digits": d, "zero_division": zero_division, "text": text})
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    data = {
        "format": FORMAT_VERSION,
        "name": name,
        "description": description,
        "generator": "make_sklearn_fixtures.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "class_names": list(class_names),
        "y_true": [int(v) for v in y_true],
        "y_pred": [int(v) for v in y_pred],
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "metrics": {str(z): sklearn_numbers(y_true, y_pred, labels, z) for z in zero_divisions},
        "reports": reports,
        "confusion_matrix": cm.tolist(),
        "confusion_matrix_normalized": {
            mode: confusion_matrix(y_true, y_pred, labels=labels, normalize=mode).tolist()
            for mode in ("true", "pred", "all")
        },
    }
    if probabilities is not None:
        probabilities = np.asarray(probabilities, dtype=np.float32)
        assert (probabilities.argmax(axis=1) == y_pred).all(), name + ": y_pred must be the argmax"
        # float32 values are written in their shortest form; parsing that as a float gives the same float32 back.
        data["probabilities"] = [[Float32(v) for v in row] for row in probabilities]
        data["top_k_accuracy"] = {
            str(k): float(top_k_accuracy_score(y_true, probabilities, k=k, labels=labels))
            for k in top_k if k < n_classes
        }
    write_json(os.path.join(HERE, "sklearn-" + name + ".json"), data)
    return data


class Float32(float):
    """A float32 value written to JSON in its shortest round-trip form (e.g. 0.1 rather than 0.10000000149…)."""

    def __new__(cls, value):
        obj = super().__new__(cls, float(value))
        obj.text = np.format_float_positional(np.float32(value), unique=True, trim="0")
        return obj


def encode(value, indent=0):
    """JSON with one array row per line, so the fixtures stay readable and diff well."""
    pad = " " * indent
    if isinstance(value, Float32):
        return value.text
    if isinstance(value, dict):
        items = [pad + "  " + json.dumps(k) + ": " + encode(v, indent + 2) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and isinstance(value[0], list):
        rows = [pad + "  " + encode(row, indent + 2) for row in value]
        return "[\n" + ",\n".join(rows) + "\n" + pad + "]"
    if isinstance(value, list):
        return "[" + ", ".join(encode(v, indent) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def write_json(path, data):
    text = encode(data) + "\n"
    json.loads(text)  # the hand-rolled encoder must produce valid JSON
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".part", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates the file private; fixtures are ordinary source files
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    print("wrote", os.path.relpath(path), file=sys.stderr)


def balanced_10():
    rng = np.random.default_rng(20240510)
    n_classes = 10
    y_true = rng.permutation(np.repeat(np.arange(n_classes), 50))
    y_pred = noisy_predictions(y_true, n_classes, 0.86, rng, confusions={4: 9, 9: 4, 3: 5, 7: 1, 8: 3})
    probs = probabilities_for(y_true, y_pred, n_classes, rng)
    fixture("balanced10", "10 balanced digit classes, 500 examples, typical MNIST-like confusions",
            [str(c) for c in range(n_classes)], y_true, y_pred, probs, digits=(0, 2, 3, 4, 6))


SPECIES = ["northern cardinal", "eurasian blue tit", "great spotted woodpecker", "common kingfisher",
           "barn swallow", "white wagtail", "song thrush", "short-toed treecreeper", "goldcrest",
           "eurasian bullfinch", "black redstart", "hawfinch", "long-tailed tit", "mistle thrush",
           "common chiffchaff", "garden warbler", "spotted flycatcher", "european robin", "eurasian wren",
           "dunnock", "yellowhammer", "reed bunting", "eurasian siskin", "common linnet", "brambling",
           "eurasian nuthatch", "common redpoll", "crested tit", "willow warbler", "blackcap", "firecrest",
           "sedge warbler", "eurasian hoopoe", "european bee-eater", "common starling", "rosy starling",
           "eurasian jay", "red-backed shrike", "black woodpecker", "eurasian wryneck", "tree pipit",
           "meadow pipit", "skylark", "woodlark", "crested lark", "corn bunting", "ortolan bunting",
           "snow bunting", "lapland longspur", "bohemian waxwing", "white-throated dipper"]


def imbalanced_51():
    rng = np.random.default_rng(51)
    n_classes = 51
    names = ["%02d %s (Passeriformes, très long nom d'espèce)" % (i, SPECIES[i]) if i % 7 == 3
             else "%02d %s" % (i, SPECIES[i]) for i in range(n_classes)]
    weights = 1.0 / np.arange(1, n_classes + 1) ** 0.9
    weights /= weights.sum()
    y_true = rng.choice(n_classes, size=700, p=weights)
    y_pred = noisy_predictions(y_true, n_classes, 0.7, rng, confusions={c: (c + 1) % n_classes for c in range(51)})
    probs = probabilities_for(y_true, y_pred, n_classes, rng, decimals=4)
    fixture("imbalanced51", "51 imbalanced classes with long names (some accented), 700 examples",
            names, y_true, y_pred, probs, top_k=(1, 3, 5, 10))


def zero_division():
    # class 2 is never predicted (precision undefined), class 3 never occurs (recall undefined) but is predicted
    rng = np.random.default_rng(7)
    matrix = [[40, 6, 0, 2],
              [5, 30, 0, 1],
              [4, 3, 0, 0],
              [0, 0, 0, 0]]
    y_true, y_pred = from_confusion(matrix, rng)
    probs = probabilities_for(y_true, y_pred, 4, rng)
    fixture("zero_division", "class 'hidden' is never predicted, class 'phantom' never occurs",
            ["cat", "dog", "hidden", "phantom"], y_true, y_pred, probs, zero_divisions=("warn", 1))


def absent_class():
    # class 'ghost' occurs neither in y_true nor in y_pred: scikit-learn then prints "micro avg" instead of
    # "accuracy" (labels= lists a class the data does not have)
    rng = np.random.default_rng(11)
    matrix = [[12, 3, 0, 1],
              [2, 9, 0, 0],
              [0, 0, 0, 0],
              [1, 0, 0, 6]]
    y_true, y_pred = from_confusion(matrix, rng)
    probs = probabilities_for(y_true, y_pred, 4, rng)
    fixture("absent_class", "class 'ghost' occurs neither among the true nor among the predicted labels",
            ["circle", "square", "ghost", "triangle"], y_true, y_pred, probs, zero_divisions=("warn", 1))


def toy_3():
    # the example of scikit-learn's classification_report documentation
    y_true = [0, 1, 2, 2, 2]
    y_pred = [0, 0, 2, 2, 1]
    probs = [[0.7, 0.2, 0.1],
             [0.5, 0.3, 0.2],
             [0.1, 0.3, 0.6],
             [0.2, 0.1, 0.7],
             [0.15, 0.6, 0.25]]
    fixture("toy3", "the three-class example of scikit-learn's documentation",
            ["class 0", "class 1", "class 2"], y_true, y_pred, probs, digits=(2, 3, 4), top_k=(1, 2))


def rounding_ties():
    # precision of 'a' = 1/8 = 0.125 and recall of 'b' = 5/8 = 0.625 are exact binary ties (round half to even:
    # 0.12, 0.62); precision of 'c' = 169/200 is stored as 0.84499999999999997 and must print as 0.84, not 0.85
    rng = np.random.default_rng(3)
    matrix = [[1, 2, 31],
              [3, 5, 0],
              [4, 6, 169]]
    y_true, y_pred = from_confusion(matrix, rng)
    probs = probabilities_for(y_true, y_pred, 3, rng)
    fixture("rounding_ties", "values on rounding ties: 0.125, 0.625, 0.845",
            ["a", "b", "c"], y_true, y_pred, probs, digits=(1, 2, 3, 4), top_k=(1, 2))


def unicode_names():
    # scikit-learn pads by code points: the cat emoji is one character even though Java stores it as two chars
    rng = np.random.default_rng(5)
    matrix = [[7, 1, 0],
              [2, 5, 1],
              [0, 1, 4]]
    y_true, y_pred = from_confusion(matrix, rng)
    fixture("unicode_names", "class names with accents and a character outside the BMP",
            ["chat \U0001F431", "éléphant", "ours <brun> & \"noir\""], y_true, y_pred)


def single_class():
    # every example has the same true class; predictions use two of the three classes
    fixture("single_class", "all examples of one class", ["yes", "no", "maybe"],
            [0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 1, 0])


def python_formatting():
    # how Python prints floats with '{:.{d}f}' (the report's number format), ties and near-ties included
    rng = np.random.default_rng(99)
    values = [0.0, -0.0, 1.0, 0.5, 1.5, 2.5, 0.125, 0.375, 0.625, 0.875, 0.845, 0.835, 0.005, 0.015, 0.025,
              0.0625, 0.1875, 0.9999, 0.99995, 0.999999999, 1e-12, 2.0 / 3.0, -0.001, -0.125, 123.456, 1e6 + 0.5]
    values += [k / 8 for k in range(1, 8)] + [k / 200 for k in range(0, 201, 7)] + [k / 16 for k in range(1, 16)]
    values += [float(v) for v in rng.random(200)]
    cases = [{"value": v, "digits": d, "text": "{:.{d}f}".format(v, d=d)} for v in values for d in (0, 1, 2, 3, 4, 6)]
    write_json(os.path.join(HERE, "python-format.json"),
               {"format": FORMAT_VERSION, "generator": "make_sklearn_fixtures.py",
                "python_version": sys.version.split()[0], "cases": cases})


def numpy_sums():
    # np.sum and np.mean of float64 arrays of many lengths: the summation order the averages must reproduce
    rng = np.random.default_rng(17)
    cases = []
    for n in list(range(1, 40)) + [63, 64, 65, 127, 128, 129, 130, 200, 255, 256, 257, 300, 513, 1000]:
        a = rng.random(n) * rng.choice([1.0, 1e-3, 1e3])
        cases.append({"values": [float(v) for v in a], "sum": float(np.sum(a)), "mean": float(np.mean(a))})
    write_json(os.path.join(HERE, "numpy-sums.json"),
               {"format": FORMAT_VERSION, "generator": "make_sklearn_fixtures.py", "numpy_version": np.__version__,
                "cases": cases})


def main():
    python_formatting()
    numpy_sums()
    balanced_10()
    imbalanced_51()
    zero_division()
    absent_class()
    toy_3()
    rounding_ties()
    unicode_names()
    single_class()


if __name__ == "__main__":
    main()
