#!/usr/bin/env python3
"""Writes torchvision's AlexNet weights as a .safetensors file that
`alexnet-tui --model alexnet --weights FILE` loads as it is.

The keys are torchvision's state_dict names (features.0.weight ... classifier.6.bias) in PyTorch
layouts (conv [out, in, kh, kw], linear [out, in]), float32.

  # pretrained ImageNet weights (downloads ~233 MB through torchvision, once):
  python scripts/export_torchvision_alexnet.py alexnet.safetensors
  # no network: PyTorch's default random init, to test the path end to end
  python scripts/export_torchvision_alexnet.py --random --seed 0 alexnet-random.safetensors

`--expected FILE` also writes the model's own input and every layer's output on a fixed
224x224 test image (what scripts/check_full_fidelity.py compares the engine against).
"""
import argparse
import pathlib
import sys

import torch
import torchvision
from safetensors.torch import save_file

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="the .safetensors file to write")
    parser.add_argument("--random", action="store_true", help="PyTorch's default init instead of pretrained weights")
    parser.add_argument("--seed", type=int, default=0, help="torch.manual_seed for --random")
    parser.add_argument("--expected", metavar="FILE", help="also write the input and every layer's output")
    args = parser.parse_args()

    if args.random:
        torch.manual_seed(args.seed)
        model = torchvision.models.alexnet(weights=None)
    else:
        try:
            model = torchvision.models.alexnet(weights=torchvision.models.AlexNet_Weights.IMAGENET1K_V1)
        except Exception as error:  # no network, proxy, full disk: say so in one line
            sys.exit(f"export_torchvision_alexnet.py: cannot get the pretrained weights: {error}")
    model.eval()

    state = {name: tensor.detach().to(torch.float32).contiguous() for name, tensor in model.state_dict().items()}
    save_file(state, args.output, metadata={"source": "torchvision.models.alexnet",
                                            "weights": "random" if args.random else "IMAGENET1K_V1"})
    print(f"wrote {args.output}: {len(state)} tensors, {sum(t.numel() for t in state.values())} parameters")

    if args.expected:
        import make_reference_fixtures as reference

        image = reference.alexnet_input()
        reference.save_expected(args.expected, image, reference.alexnet_forward(model, image))
        print(f"wrote {args.expected}")


if __name__ == "__main__":
    main()
