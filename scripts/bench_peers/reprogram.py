"""Model reprogramming in PyTorch, the peer of Recast's reprogram() on the same weights and data.

    reprogram.py --model SOURCE.safetensors --train-x X.npy --train-y Y.npy
                 --test-x X.npy --test-y Y.npy --protocol whitebox|rgf
                 [--epochs E] [--inner I] [--batch 64] [--seed S] [--q 5] [--beta 0.01] [--lr 0.01]

Inputs are float32 N x C x h x w in [0, 1] (C = 1 or the source's channels), labels int64 0..C_t-1.

Transform (padding style, ILM-VP): each target image is resized to I x I (bilinear,
align_corners=False), its channel repeated when the source has more, and centred in the source's
H x W (top (H-I)//2, left (W-I)//2) with zeros around. A learnable theta of the source input shape
(init 0) fills the frame: x~ = placed * (1 - M) + M * sigmoid(theta), M = 1 on the frame. The
frozen source model (its normalisation applied) gives logits.

Label mapping (FLM), computed once with theta = 0: counts[s][t] = how many training inputs of
target class t the source predicts as s; repeatedly the largest count (first in row-major order on
ties) fixes source s for target t, and row s and column t are removed. Target scores are the source
log-softmax at the mapped classes; the loss is cross-entropy on those scores (the same as
cross-entropy on the mapped logits).

whitebox: Adam(theta, lr), lr x 0.1 at epochs int(0.5 E) and int(0.72 E), batches shuffled by a
torch.Generator seeded S. rgf (BAR-style zeroth order, black-box): per batch l0 = loss(theta); for
j = 1..q, u_j Gaussian over the d frame values, normalised to unit length, l_j = loss(theta + beta
u_j); g = (d / q) sum_j (l_j - l0) / beta u_j is set as theta's gradient for the same Adam and
schedule. The generator seeded S draws both the batch order and the directions.

Prints `key value` lines: test_accuracy, seconds (training only), final_train_loss (mean over the
last epoch), trainable_parameters, mapping (`t:s,...` for every target class t), and for rgf
queries_training (batch x (q + 1) per step), queries_mapping and queries_evaluation.
Exit status: 0 on success or when torch is missing, 1 on a bad file or argument value, 2 on usage.
"""
import argparse
import importlib.util
import os
import sys
import time

import numpy as np

try:
    import torch
except ImportError:
    print("skipped: torch not installed")
    sys.exit(0)
if importlib.util.find_spec("safetensors") is None:
    print("skipped: safetensors not installed (pip install safetensors)")
    sys.exit(0)

import torch.nn.functional as F

sys.dont_write_bytecode = True  # keep __pycache__ out of the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recast_spec import SpecError, load_model, pin_threads  # noqa: E402

EVAL_BATCH = 256


class ReprogramError(ValueError):
    """A data file or argument value that the protocol cannot use; the text names it."""


def load_inputs(path, name):
    try:
        x = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as error:
        raise ReprogramError(f"{name} {path}: not a readable .npy file ({error})") from None
    if x.ndim != 4 or x.dtype.kind != "f":
        raise ReprogramError(f"{name} {path}: expected float N x C x H x W, got {x.dtype} "
                             f"shape {list(x.shape)}")
    return torch.from_numpy(x.astype(np.float32))


def load_labels(path, name, count):
    try:
        y = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as error:
        raise ReprogramError(f"{name} {path}: not a readable .npy file ({error})") from None
    if y.ndim != 1 or y.dtype.kind not in "iu" or len(y) != count:
        raise ReprogramError(f"{name} {path}: expected {count} integer labels, got {y.dtype} "
                             f"shape {list(y.shape)}")
    if count and y.min() < 0:
        raise ReprogramError(f"{name} {path}: labels must be >= 0, found {y.min()}")
    return torch.from_numpy(y.astype(np.int64))


class PadPrompt:
    """The padding-style input transformation: resized targets centred in a learnable frame."""

    def __init__(self, input_shape, inner):
        channels, height, width = input_shape
        if not 1 <= inner <= min(height, width):
            raise ReprogramError(f"--inner {inner}: must be in 1...{min(height, width)} for the "
                                 f"source input {height} x {width}")
        self.channels, self.inner = channels, inner
        self.top, self.left = (height - inner) // 2, (width - inner) // 2
        self.mask = torch.ones(input_shape)
        self.mask[:, self.top:self.top + inner, self.left:self.left + inner] = 0
        self.theta = torch.zeros(input_shape, requires_grad=True)

    def place(self, x):
        """Targets resized to inner x inner, channels repeated, centred in zeros."""
        if x.shape[1] not in (1, self.channels):
            raise ReprogramError(f"inputs have {x.shape[1]} channels, the source takes "
                                 f"{self.channels} (expected 1 or {self.channels})")
        resized = F.interpolate(x, size=(self.inner, self.inner), mode="bilinear",
                                align_corners=False)
        resized = resized.expand(-1, self.channels, -1, -1)
        placed = torch.zeros((x.shape[0], *self.mask.shape))
        placed[:, :, self.top:self.top + self.inner, self.left:self.left + self.inner] = resized
        return placed

    def apply(self, placed, theta):
        return placed * (1 - self.mask) + self.mask * torch.sigmoid(theta)


def frequency_mapping(predictions, labels, source_classes, target_classes):
    """FLM: mapping[t] = the source class greedily paired with target class t."""
    counts = np.zeros((source_classes, target_classes), dtype=np.int64)
    np.add.at(counts, (predictions.numpy(), labels.numpy()), 1)
    mapping = [0] * target_classes
    for _ in range(target_classes):
        source, target = divmod(int(np.argmax(counts)), target_classes)
        mapping[target] = source
        counts[source, :] = -1
        counts[:, target] = -1
    return mapping


def random_gradient(loss_of, theta, frame, q, beta, generator):
    """BAR's estimate (d / q) sum_j (l(theta + beta u_j) - l(theta)) / beta u_j, and l(theta).

    The u_j are uniform on the unit sphere over the d values where `frame` is true (a normalised
    Gaussian), zero elsewhere.
    """
    loss = loss_of(theta)
    dimension = int(frame.sum())
    estimate = torch.zeros_like(theta)
    for _ in range(q):
        direction = torch.zeros_like(theta)
        values = torch.randn(dimension, generator=generator)
        direction[frame] = values / values.norm()
        estimate += (loss_of(theta + beta * direction) - loss) / beta * direction
    return loss, estimate * (dimension / q)


def logits_in_batches(model, prompt, placed, theta):
    with torch.no_grad():
        return torch.cat([model(prompt.apply(placed[i:i + EVAL_BATCH], theta))
                          for i in range(0, len(placed), EVAL_BATCH)])


def parse_arguments():
    parser = argparse.ArgumentParser(description="Reprogram a Recast model file in PyTorch.")
    parser.add_argument("--model", required=True)
    for name in ("train-x", "train-y", "test-x", "test-y"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--protocol", required=True, choices=["whitebox", "rgf"])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--inner", type=int, default=20)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--q", type=int, default=5)
    parser.add_argument("--beta", type=float, default=0.01)
    parser.add_argument("--lr", type=float, default=0.01)
    arguments = parser.parse_args()
    for name in ("epochs", "batch", "q"):
        minimum = 0 if name == "epochs" else 1
        if getattr(arguments, name) < minimum:
            parser.error(f"--{name} must be >= {minimum}, got {getattr(arguments, name)}")
    for name in ("beta", "lr"):
        if not getattr(arguments, name) > 0:
            parser.error(f"--{name} must be > 0, got {getattr(arguments, name)}")
    return arguments


def run(arguments):
    threads = pin_threads()
    torch.manual_seed(arguments.seed)
    model = load_model(arguments.model)
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    if model.input_shape is None or len(model.input_shape) != 3:
        raise ReprogramError(f"{arguments.model}: metadata 'recast.input_shape' must be [C, H, W], "
                             f"got {model.input_shape}")
    train_x = load_inputs(arguments.train_x, "--train-x")
    train_y = load_labels(arguments.train_y, "--train-y", len(train_x))
    test_x = load_inputs(arguments.test_x, "--test-x")
    test_y = load_labels(arguments.test_y, "--test-y", len(test_x))
    if len(train_x) == 0 or len(test_x) == 0:
        raise ReprogramError("--train-x and --test-x must hold at least one input each")
    target_classes = int(train_y.max()) + 1
    if int(test_y.max()) >= target_classes:
        raise ReprogramError(f"--test-y: label {int(test_y.max())} does not occur among the "
                             f"training labels 0...{target_classes - 1}")

    prompt = PadPrompt(tuple(model.input_shape), arguments.inner)
    train_placed, test_placed = prompt.place(train_x), prompt.place(test_x)
    logits = logits_in_batches(model, prompt, train_placed, prompt.theta.detach())
    if logits.dim() != 2 or logits.shape[1] < target_classes:
        raise ReprogramError(f"{arguments.model}: the source gives logits of shape "
                             f"{list(logits.shape)}, expected [N, C_s] with C_s >= {target_classes} "
                             f"target classes")
    mapping = frequency_mapping(logits.argmax(dim=1), train_y, logits.shape[1], target_classes)
    mapped = torch.tensor(mapping)

    def loss_of(placed, labels, theta):
        scores = F.log_softmax(model(prompt.apply(placed, theta)), dim=1)[:, mapped]
        return F.cross_entropy(scores, labels)

    generator = torch.Generator().manual_seed(arguments.seed)
    optimizer = torch.optim.Adam([prompt.theta], lr=arguments.lr)
    epochs = arguments.epochs
    schedule = torch.optim.lr_scheduler.MultiStepLR(
        optimizer, milestones=[int(0.5 * epochs), int(0.72 * epochs)], gamma=0.1)
    frame = prompt.mask.bool()
    dimension = int(frame.sum())
    queries_training, epoch_loss = 0, float("nan")
    print(f"# torch {torch.__version__}; threads {threads}; protocol {arguments.protocol}")

    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(train_x), generator=generator)
        total = 0.0
        for first in range(0, len(train_x), arguments.batch):
            rows = order[first:first + arguments.batch]
            placed, labels = train_placed[rows], train_y[rows]
            optimizer.zero_grad()
            if arguments.protocol == "whitebox":
                loss = loss_of(placed, labels, prompt.theta)
                loss.backward()
            else:
                with torch.no_grad():
                    loss, prompt.theta.grad = random_gradient(
                        lambda theta: loss_of(placed, labels, theta), prompt.theta.detach(),
                        frame, arguments.q, arguments.beta, generator)
                queries_training += len(rows) * (arguments.q + 1)
            optimizer.step()
            total += loss.item() * len(rows)
        schedule.step()
        epoch_loss = total / len(train_x)
    seconds = time.perf_counter() - start

    test_logits = logits_in_batches(model, prompt, test_placed, prompt.theta.detach())
    predictions = F.log_softmax(test_logits, dim=1)[:, mapped].argmax(dim=1)
    accuracy = (predictions == test_y).float().mean().item()
    print(f"test_accuracy {accuracy:.4f}")
    print(f"seconds {seconds:.3f}")
    print(f"final_train_loss {epoch_loss:.6f}")
    print(f"trainable_parameters {dimension}")
    print("mapping " + ",".join(f"{t}:{s}" for t, s in enumerate(mapping)))
    if arguments.protocol == "rgf":
        print(f"queries_training {queries_training}")
        print(f"queries_mapping {len(train_x)}")
        print(f"queries_evaluation {len(test_x)}")


def main():
    arguments = parse_arguments()
    try:
        run(arguments)
    except (SpecError, ReprogramError) as error:
        print(f"reprogram.py: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        # torch's shape errors: the model file's spec does not fit its input shape.
        print(f"reprogram.py: the source model {arguments.model} cannot run on its input shape "
              f"({error})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
