#!/usr/bin/python3
"""Writes orient-1.jpg .. orient-8.jpg into the folder given: the same upright 64x48 picture
(red, green / blue, white quadrants) stored as a camera would store it for each EXIF orientation,
with the tag that turns it upright. Pillow's exif_transpose, which nobody here wrote, must turn
every file back into the upright picture before the file is kept: the files are only as true as
that check."""
import sys
from pathlib import Path

from PIL import Image, ImageOps

# How each orientation's stored picture is made from the upright one: the inverse of the turn
# that exif_transpose applies (Pillow's rotations are counter-clockwise).
STORE = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
QUADRANTS = {(8, 8): (255, 0, 0), (56, 8): (0, 255, 0), (8, 40): (0, 0, 255), (56, 40): (255, 255, 255)}


def upright():
    img = Image.new("RGB", (64, 48))
    for (x, y), colour in QUADRANTS.items():
        img.paste(colour, (x - 8 if x < 32 else 32, y - 8 if y < 24 else 24, 32 if x < 32 else 64, 24 if y < 24 else 48))
    return img


def near(a, b):
    return all(abs(p - q) <= 24 for p, q in zip(a, b))


def main(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for orientation, turn in STORE.items():
        stored = upright() if turn is None else upright().transpose(turn)
        exif = Image.Exif()
        exif[0x0112] = orientation
        path = folder / f"orient-{orientation}.jpg"
        stored.save(path, "JPEG", quality=95, exif=exif.tobytes())
        shown = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
        if shown.size != (64, 48) or not all(near(shown.getpixel(p), c) for p, c in QUADRANTS.items()):
            sys.exit(f"make_oriented_jpegs: {path}: Pillow does not show it upright")
    print(folder)


if __name__ == "__main__":
    main(sys.argv[1])
