#!/usr/bin/env python3
"""Check a Recast model file against PyTorch: the same weights must give the same logits.

    check_torch_logits.py --model FILE.safetensors --inputs X.npy [--expected LOGITS.npy]
                          [--out LOGITS.npy] [--tolerance 1e-4]

Builds the nn.Sequential of the file's "recast.architecture" (scripts/bench_peers/recast_spec.py),
loads its tensors, applies its "recast.normalization" and runs it on the inputs (N samples of
"recast.input_shape", or N flat rows of as many values). With --expected it prints
`max_abs_diff <value>` and exits 1 when that exceeds the tolerance; with --out it writes the
logits as float32 .npy. Exits 0 with a "skipped:" line when torch or safetensors is missing,
1 on a bad file or a mismatch, 2 on usage errors.
"""
import argparse
import importlib.util
import os
import sys

import numpy as np

try:
    import torch
except ImportError:
    print("skipped: torch not installed")
    sys.exit(0)
if importlib.util.find_spec("safetensors") is None:
    print("skipped: safetensors not installed (pip install safetensors)")
    sys.exit(0)

sys.dont_write_bytecode = True  # keep __pycache__ out of the repository
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_peers"))
from recast_spec import SpecError, load_model, pin_threads  # noqa: E402


def load_array(path, option):
    try:
        array = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as error:
        raise SpecError(f"{option} {path}: not a readable .npy file ({error})") from None
    if array.dtype.kind not in "fiu" or array.ndim == 0:
        raise SpecError(f"{option} {path}: expected a numeric array with a batch axis, got "
                        f"{array.dtype} shape {list(array.shape)}")
    return array.astype(np.float32)


def model_logits(model, inputs, path):
    """The model's logits on inputs shaped as its input shape, or flat rows of as many values."""
    if model.input_shape is not None and list(inputs.shape[1:]) != model.input_shape:
        if int(np.prod(inputs.shape[1:])) != int(np.prod(model.input_shape)):
            raise SpecError(f"--inputs {path}: samples of shape {list(inputs.shape[1:])}, the model "
                            f"takes {model.input_shape}")
        inputs = inputs.reshape(len(inputs), *model.input_shape)
    with torch.no_grad():
        try:
            return model(torch.from_numpy(inputs)).numpy()
        except RuntimeError as error:
            raise SpecError(f"--inputs {path}: the model cannot run on shape "
                            f"{list(inputs.shape)} ({error})") from None


def main():
    parser = argparse.ArgumentParser(description="Compare a Recast model's logits with PyTorch's.")
    parser.add_argument("--model", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--expected")
    parser.add_argument("--out")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    arguments = parser.parse_args()
    if arguments.expected is None and arguments.out is None:
        parser.error("give --expected LOGITS.npy to compare, --out LOGITS.npy to write, or both")
    try:
        pin_threads()
        model = load_model(arguments.model)
        logits = model_logits(model, load_array(arguments.inputs, "--inputs"), arguments.inputs)
        if arguments.out is not None:
            # Written beside the target and renamed, so an interrupted run leaves no half file.
            with open(arguments.out + ".tmp", "wb") as file:
                np.save(file, logits.astype(np.float32))
            os.replace(arguments.out + ".tmp", arguments.out)
        if arguments.expected is not None:
            expected = load_array(arguments.expected, "--expected")
            if expected.shape != logits.shape:
                raise SpecError(f"--expected {arguments.expected}: shape {list(expected.shape)}, "
                                f"PyTorch's logits have {list(logits.shape)}")
            difference = float(np.max(np.abs(expected - logits))) if logits.size else 0.0
            print(f"max_abs_diff {difference:.3g}")
            # `not <=` so that a NaN difference fails too.
            if not difference <= arguments.tolerance:
                print(f"check_torch_logits.py: max_abs_diff {difference:.3g} exceeds the tolerance "
                      f"{arguments.tolerance:g}", file=sys.stderr)
                return 1
    except (SpecError, OSError) as error:
        print(f"check_torch_logits.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
