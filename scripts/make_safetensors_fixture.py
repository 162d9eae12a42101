#!/usr/bin/env python3
"""Print the safetensors fixtures of Tests/ModelHubTests/SafeTensorsTests.swift as hex.

Needs torch and safetensors (pip install safetensors). Run it once when the fixtures must be
checked or regenerated; the tests hold the bytes, so no binary fixture is committed.
"""
import torch
import torch.nn as nn
from safetensors.torch import save


def mlp():
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[1.0, -2.0], [0.5, 3.0], [0.0, -0.25]]))
        model[0].bias.copy_(torch.tensor([0.1, 0.2, 0.3]))
        model[2].weight.copy_(torch.tensor([[1.5, -1.0, 2.0]]))
        model[2].bias.copy_(torch.tensor([-0.5]))
    # One metadata key: with several, the reference writes them in hash-map order.
    return save(model.state_dict(), metadata={"recast.architecture": "mlp 2-3-1 relu"})


def escapes():
    return save({"x": torch.zeros(0), "s": torch.tensor(2.5)},
                metadata={"s": "a/b\"c\\d\n\t\x01\x08\x0c\x1f\r\x7f é 😀 <>&"})


def mixed():
    return save({
        "a": torch.tensor([1.5, -0.1, 65504.0], dtype=torch.float16),
        "b": torch.tensor([[1.5, -0.1], [3.0e38, 0.0]], dtype=torch.bfloat16),
        "c": torch.tensor([0.1, -1e300], dtype=torch.float64),
        "bn.num_batches_tracked": torch.tensor(123456789012, dtype=torch.int64),
        "e": torch.tensor([0, 200, 255], dtype=torch.uint8),
        "f": torch.tensor([-5, 7], dtype=torch.int32),
    })


for name, data in [("mlp", mlp()), ("escapes", escapes()), ("mixed", mixed())]:
    text = data.hex()
    print(f'    static let {name} = hex("""')
    for i in range(0, len(text), 96):
        print("        " + text[i:i + 96])
    print('        """)')
