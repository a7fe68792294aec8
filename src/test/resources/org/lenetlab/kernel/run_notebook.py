"""Executes a notebook with nbclient on a named kernel, validates the result with nbformat and writes it.

Usage: run_notebook.py KERNEL_NAME IN.ipynb OUT.ipynb
Run by NbclientKernelTest with JUPYTER_PATH pointing at the kernelspec it installed.
"""
import sys

import nbformat
from nbclient import NotebookClient

kernel_name, source, target = sys.argv[1:4]
nb = nbformat.read(source, as_version=4)
NotebookClient(nb, kernel_name=kernel_name, timeout=120, startup_timeout=120, allow_errors=True).execute()
nbformat.validate(nb)
nbformat.write(nb, target)
print("executed and valid:", target)
