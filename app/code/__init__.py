"""Code to take away: a network, its samples and its loss as a self-contained Python script that runs
the forward and backward passes and prints C, dC/dW and dC/db as /backprop answers them.

Plain text in, text out: no numpy and no web code here. One module per language.
"""
from . import numpy_script, pytorch_script
from .common import Problem

LANGUAGES = {"numpy": numpy_script.script, "pytorch": pytorch_script.script}


def script(language: str, problem: Problem) -> str:
    return LANGUAGES[language](problem)


__all__ = ["LANGUAGES", "Problem", "script"]
