"""Recast model files in PyTorch: the architecture spec as an nn.Sequential, loading and saving.

A Recast model file is safetensors whose tensor names are nn.Sequential state-dict keys
("0.weight", "3.bias") and whose metadata holds:

- "recast.architecture": one line of layers separated by spaces, e.g.
  `conv(1,6,5,pad=2) relu maxpool(2) flatten linear(400,120)`. Layers: linear(in,out[,bias=0]),
  conv(in,out,k[,stride=s][,pad=p][,bias=0]), maxpool(k[,stride=s]), avgpool(k[,stride=s]), relu,
  tanh, sigmoid, flatten, dropout(p). Every layer, with or without weights, takes one index.
- "recast.input_shape": JSON, the shape of one input without the batch axis, e.g. [1,28,28].
- "recast.normalization": JSON {"mean":[m...],"std":[s...]}, one value or one per channel: the
  model computes network((x - mean) / std) on inputs x in [0, 1].

Needs torch; load_model and save_model also need safetensors.
"""
import json
import math
import os
import re

import torch
import torch.nn as nn

LENET5_SPEC = ("conv(1,6,5,pad=2) relu maxpool(2) conv(6,16,5) relu maxpool(2) flatten "
               "linear(400,120) relu linear(120,84) relu linear(84,10)")

# One layer: a name, then optional arguments in parentheses (spaces allowed inside them).
_LAYER = re.compile(r"\s*([A-Za-z_]+)\s*(?:\(([^()]*)\))?\s*")


class SpecError(ValueError):
    """A spec or model file that does not describe a model; the text names the place."""


def pin_threads():
    """Sets torch's intra-op threads from RECAST_BENCH_THREADS (default 2) and returns the count.

    Recast's benchmark reads the same variable, so both sides use the same number of threads.
    """
    text = os.environ.get("RECAST_BENCH_THREADS", "2")
    try:
        threads = int(text)
    except ValueError:
        raise SpecError(f"RECAST_BENCH_THREADS: expected a positive integer, got '{text}'") from None
    if threads < 1:
        raise SpecError(f"RECAST_BENCH_THREADS: expected a positive integer, got '{text}'")
    torch.set_num_threads(threads)
    return threads


def _arguments(layer, text, positional, keywords):
    """Splits `1,6,5,pad=2` into the positional and keyword values a layer accepts."""
    values, options = [], {}
    for part in [p.strip() for p in text.split(",")] if text.strip() else []:
        key, equals, value = part.partition("=")
        try:
            number = float(value if equals else key)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise SpecError(f"{layer}: '{part}' is not a finite number")
        if equals:
            if key.strip() not in keywords:
                raise SpecError(f"{layer}: unknown option '{key.strip()}' (known: "
                                f"{', '.join(keywords) or 'none'})")
            options[key.strip()] = number
        elif options:
            raise SpecError(f"{layer}: positional argument '{part}' after an option")
        else:
            values.append(number)
    if len(values) not in positional:
        counts = " or ".join(str(n) for n in positional)
        raise SpecError(f"{layer}: expected {counts} positional arguments, got {len(values)}")
    return values, options


def _integer(layer, name, value, minimum=1):
    if value != int(value) or value < minimum:
        raise SpecError(f"{layer}: {name} must be an integer >= {minimum}, got {value:g}")
    return int(value)


def _bias(layer, options):
    bias = options.get("bias", 1)
    if bias not in (0, 1):
        raise SpecError(f"{layer}: bias must be 0 or 1, got {bias:g}")
    return bias == 1


def _layer(name, text, place):
    """One nn.Module for one spec layer; `place` names it in errors (`layer 3 'conv(...)'`)."""
    if name == "linear":
        (n_in, n_out), opts = _arguments(place, text, [2], ["bias"])
        return nn.Linear(_integer(place, "in", n_in), _integer(place, "out", n_out),
                         bias=_bias(place, opts))
    if name == "conv":
        (n_in, n_out, k), opts = _arguments(place, text, [3], ["stride", "pad", "bias"])
        return nn.Conv2d(_integer(place, "in", n_in), _integer(place, "out", n_out),
                         _integer(place, "k", k),
                         stride=_integer(place, "stride", opts.get("stride", 1)),
                         padding=_integer(place, "pad", opts.get("pad", 0), minimum=0),
                         bias=_bias(place, opts))
    if name in ("maxpool", "avgpool"):
        (k,), opts = _arguments(place, text, [1], ["stride"])
        k = _integer(place, "k", k)
        stride = _integer(place, "stride", opts.get("stride", k))
        return nn.MaxPool2d(k, stride) if name == "maxpool" else nn.AvgPool2d(k, stride)
    if name == "dropout":
        (p,), _ = _arguments(place, text, [1], [])
        if not 0 <= p < 1:
            raise SpecError(f"{place}: p must be in [0, 1), got {p:g}")
        return nn.Dropout(p)
    simple = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "flatten": nn.Flatten}
    if name in simple:
        _arguments(place, text, [0], [])
        return simple[name]()
    raise SpecError(f"{place}: unknown layer '{name}' (known: linear, conv, maxpool, avgpool, "
                    f"relu, tanh, sigmoid, flatten, dropout)")


def build_network(spec):
    """The nn.Sequential of a spec, indexed as the spec's layers are (so state dicts match)."""
    layers, position = [], 0
    while position < len(spec):
        match = _LAYER.match(spec, position)
        if match is None or match.end() == position:
            raise SpecError(f"architecture: unexpected '{spec[position:position + 20]}' at "
                            f"character {position + 1} (expected a layer such as relu or conv(1,6,5))")
        name, text = match.group(1), match.group(2) or ""
        place = f"architecture layer {len(layers)} '{match.group(0).strip()}'"
        layers.append(_layer(name, text, place))
        position = match.end()
    if not layers:
        raise SpecError("architecture: the spec has no layers")
    return nn.Sequential(*layers)


class RecastModel(nn.Module):
    """A Recast model: its spec's network applied to (x - mean) / std."""

    def __init__(self, spec, input_shape=None, mean=(0.0,), std=(1.0,)):
        super().__init__()
        self.spec = spec
        self.input_shape = list(input_shape) if input_shape is not None else None
        self.normalization = {"mean": list(mean), "std": list(std)}
        self.network = build_network(spec)
        if len(mean) != len(std) or not mean:
            raise SpecError(f"normalization: mean has {len(mean)} values and std {len(std)} "
                            f"(expected the same non-zero count)")
        if any(s == 0 for s in std):
            raise SpecError("normalization: std must not be 0")
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, -1, 1, 1),
                             persistent=False)
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32).view(1, -1, 1, 1),
                             persistent=False)

    def forward(self, x):
        if x.dim() == 4:
            x = (x - self.mean) / self.std
        elif self.mean.numel() == 1:
            # Flat inputs (an mlp on vectors): one mean and std for every value.
            x = (x - self.mean.flatten()[0]) / self.std.flatten()[0]
        else:
            raise SpecError(f"normalization: {self.mean.numel()} per-channel values need inputs "
                            f"N x C x H x W, got shape {list(x.shape)}")
        return self.network(x)


def _json_metadata(metadata, key, path):
    try:
        return json.loads(metadata[key])
    except json.JSONDecodeError as error:
        raise SpecError(f"{path}: metadata '{key}' is not JSON ({error})") from None


def load_model(path):
    """The RecastModel of a Recast model file, weights loaded as float32, in eval mode."""
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(path, framework="pt") as file:
            metadata = file.metadata() or {}
            tensors = {name: file.get_tensor(name).to(torch.float32) for name in file.keys()}
    except (OSError, ValueError, RuntimeError, SafetensorError) as error:
        raise SpecError(f"{path}: not a readable safetensors file ({error})") from None
    if "recast.architecture" not in metadata:
        raise SpecError(f"{path}: metadata has no 'recast.architecture' (keys: "
                        f"{', '.join(sorted(metadata)) or 'none'})")
    input_shape = None
    if "recast.input_shape" in metadata:
        input_shape = _json_metadata(metadata, "recast.input_shape", path)
    mean, std = [0.0], [1.0]
    if "recast.normalization" in metadata:
        normalization = _json_metadata(metadata, "recast.normalization", path)
        if (not isinstance(normalization, dict) or set(normalization) != {"mean", "std"}
                or not all(isinstance(values, list) and all(isinstance(v, (int, float)) for v in values)
                           for values in normalization.values())):
            raise SpecError(f"{path}: metadata 'recast.normalization' must be "
                            f'{{"mean":[...],"std":[...]}}, got {metadata["recast.normalization"]}')
        mean, std = normalization["mean"], normalization["std"]
    if input_shape is not None and not (isinstance(input_shape, list)
                                        and all(isinstance(n, int) and n > 0 for n in input_shape)):
        raise SpecError(f"{path}: metadata 'recast.input_shape' must be a list of positive "
                        f"integers, got {metadata['recast.input_shape']}")
    try:
        model = RecastModel(metadata["recast.architecture"], input_shape, mean, std)
    except SpecError as error:
        raise SpecError(f"{path}: {error}") from None
    expected = model.network.state_dict()
    missing = sorted(set(expected) - set(tensors))
    unexpected = sorted(set(tensors) - set(expected))
    if missing or unexpected:
        raise SpecError(f"{path}: tensors do not match the architecture (missing: "
                        f"{', '.join(missing) or 'none'}; unexpected: {', '.join(unexpected) or 'none'})")
    for name, tensor in tensors.items():
        if tuple(tensor.shape) != tuple(expected[name].shape):
            raise SpecError(f"{path}: tensor '{name}' has shape {list(tensor.shape)}, the "
                            f"architecture expects {list(expected[name].shape)}")
    model.network.load_state_dict(tensors)
    return model.eval()


def save_model(model, path):
    """Writes a RecastModel as a Recast model file (weights and the three metadata keys)."""
    from safetensors.torch import save_file

    metadata = {"recast.architecture": model.spec,
                "recast.normalization": json.dumps(model.normalization, separators=(",", ":"))}
    if model.input_shape is not None:
        metadata["recast.input_shape"] = json.dumps(model.input_shape, separators=(",", ":"))
    state = {name: tensor.detach().contiguous() for name, tensor in model.network.state_dict().items()}
    # Written beside the target and renamed, so an interrupted save leaves no half file.
    save_file(state, path + ".tmp", metadata=metadata)
    os.replace(path + ".tmp", path)
