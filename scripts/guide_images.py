"""Shrink the screenshots of the guide (docs/guide/img/) so that the repository stays small:
256-colour palettes, which keep the text of a screenshot sharp. Usage: guide_images.py DIR"""

import sys
from pathlib import Path

from PIL import Image


def shrink(path: Path) -> None:
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main(directory: str) -> None:
    paths = sorted(Path(directory).glob("*.png"))
    for path in paths:
        shrink(path)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} screenshots, {total / 1_000_000:.1f} MB in {directory}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/guide/img")
