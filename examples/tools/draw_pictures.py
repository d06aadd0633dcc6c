#!/usr/bin/env python3
"""Draws the example pictures of examples/ from code, so that nothing shown by the demo
was taken from anywhere. Deterministic (fixed seeds): running it again gives the same
files. Needs Debian's python3-pil; only authors of the examples run it, the build does not.

    /usr/bin/python3 examples/tools/draw_pictures.py
"""
import math
import os
import random

from PIL import Image, ImageDraw, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
CLUSTER = os.path.join(HERE, "..", "langson-cluster", "media")
LEDWALL = os.path.join(HERE, "..", "langson-ledwall", "media")


def lerp(a, b, t):
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))


def gradient(size, stops):
    """Vertical gradient through (position 0..1, colour) stops."""
    w, h = size
    img = Image.new("RGB", size)
    px = ImageDraw.Draw(img)
    for y in range(h):
        t = y / max(1, h - 1)
        for (p0, c0), (p1, c1) in zip(stops, stops[1:]):
            if p0 <= t <= p1:
                px.line([(0, y), (w, y)], fill=lerp(c0, c1, (t - p0) / max(1e-9, p1 - p0)))
                break
    return img


def ridge(rng, w, base, amplitude, roughness, peaks):
    """A karst skyline: rounded limestone towers over a rolling base line."""
    points = []
    centres = [(rng.uniform(0, w), rng.uniform(0.5, 1.0) * amplitude, rng.uniform(60, 180)) for _ in range(peaks)]
    for x in range(0, w + 8, 8):
        y = base + math.sin(x / 210.0 + rng.random() * 0.05) * roughness
        for cx, height, width in centres:
            d = (x - cx) / width
            y -= height * math.exp(-d * d * 2.2)
        points.append((x, y))
    return points


def mountains(img, rng, layers):
    w, h = img.size
    draw = ImageDraw.Draw(img)
    for base, amplitude, colour, peaks in layers:
        pts = ridge(rng, w, base * h, amplitude * h, 0.015 * h, peaks)
        draw.polygon(pts + [(w, h), (0, h)], fill=colour)


def mist(img, rng, band_y, strength):
    w, h = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for _ in range(40):
        x = rng.uniform(-200, w)
        y = band_y * h + rng.uniform(-0.05, 0.05) * h
        rw, rh = rng.uniform(300, 900), rng.uniform(30, 90)
        d.ellipse([x, y, x + rw, y + rh], fill=(235, 240, 245, int(strength * 255)))
    layer = layer.filter(ImageFilter.GaussianBlur(40))
    img.paste(layer, (0, 0), layer)


def gate_building(img, cx, ground, scale, colour, roof):
    """A border-gate building: a wide hall with a tiered roof over a central arch."""
    d = ImageDraw.Draw(img)
    s = scale
    d.rectangle([cx - 420 * s, ground - 190 * s, cx + 420 * s, ground], fill=colour)
    d.polygon([(cx - 470 * s, ground - 190 * s), (cx + 470 * s, ground - 190 * s), (cx + 380 * s, ground - 250 * s),
               (cx - 380 * s, ground - 250 * s)], fill=roof)
    d.rectangle([cx - 150 * s, ground - 330 * s, cx + 150 * s, ground - 250 * s], fill=colour)
    d.polygon([(cx - 200 * s, ground - 330 * s), (cx + 200 * s, ground - 330 * s), (cx + 130 * s, ground - 385 * s),
               (cx - 130 * s, ground - 385 * s)], fill=roof)
    d.rounded_rectangle([cx - 110 * s, ground - 150 * s, cx + 110 * s, ground], radius=int(70 * s), fill=(40, 36, 34))
    for side in (-1, 1):
        for k in range(3):
            x = cx + side * (200 + k * 70) * s
            d.rectangle([x - 22 * s, ground - 140 * s, x + 22 * s, ground - 80 * s], fill=(255, 214, 130))
    d.line([(cx, ground - 385 * s), (cx, ground - 470 * s)], fill=(60, 60, 60), width=max(2, int(5 * s)))
    d.polygon([(cx, ground - 470 * s), (cx + 90 * s, ground - 450 * s), (cx, ground - 430 * s)], fill=(218, 37, 29))


def road(img, horizon, colour):
    w, h = img.size
    d = ImageDraw.Draw(img)
    d.polygon([(w * 0.47, horizon), (w * 0.53, horizon), (w * 0.85, h), (w * 0.15, h)], fill=colour)
    for k in range(12):
        t0, t1 = (k / 12) ** 1.8, ((k + 0.5) / 12) ** 1.8
        y0, y1 = horizon + (h - horizon) * t0, horizon + (h - horizon) * t1
        d.polygon([(w / 2 - 2 - 10 * t0, y0), (w / 2 + 2 + 10 * t0, y0), (w / 2 + 2 + 10 * t1, y1),
                   (w / 2 - 2 - 10 * t1, y1)], fill=(240, 230, 200))


def grain(img, rng, amount):
    noise = Image.effect_noise(img.size, amount).convert("RGB")
    return Image.blend(img, noise, 0.04)


def draw_gate(size, path):
    rng = random.Random(11)
    w, h = size
    img = gradient(size, [(0, (32, 58, 112)), (0.45, (236, 150, 96)), (0.62, (250, 210, 150)), (1, (70, 80, 70))])
    d = ImageDraw.Draw(img)
    d.ellipse([w * 0.68, h * 0.3, w * 0.68 + h * 0.12, h * 0.42], fill=(255, 236, 190))
    mountains(img, rng, [(0.55, 0.22, (120, 104, 128), 9), (0.62, 0.16, (84, 80, 104), 7)])
    ground = h * 0.78
    d.rectangle([0, h * 0.66, w, h], fill=(58, 74, 58))
    road(img, h * 0.66, (70, 68, 72))
    gate_building(img, w / 2, ground, h / 1080, (224, 214, 196), (150, 52, 40))
    grain(img, rng, 40).save(path, quality=86, optimize=True)


def draw_mauson(size, path):
    rng = random.Random(23)
    w, h = size
    img = gradient(size, [(0, (120, 170, 220)), (0.5, (214, 232, 240)), (1, (160, 190, 170))])
    mountains(img, rng, [(0.45, 0.25, (150, 176, 186), 10), (0.55, 0.22, (104, 140, 130), 8)])
    mist(img, rng, 0.5, 0.55)
    mountains(img, rng, [(0.7, 0.2, (60, 100, 78), 7)])
    mist(img, rng, 0.72, 0.45)
    mountains(img, rng, [(0.88, 0.12, (34, 66, 48), 6)])
    grain(img, rng, 30).save(path, quality=86, optimize=True)


def draw_cave(size, path):
    rng = random.Random(37)
    w, h = size
    img = Image.new("RGB", size, (18, 16, 20))
    light = Image.new("L", size, 0)
    d = ImageDraw.Draw(light)
    d.ellipse([w * 0.35, h * 0.12, w * 0.7, h * 0.7], fill=255)
    light = light.filter(ImageFilter.GaussianBlur(h * 0.08))
    glow = gradient(size, [(0, (255, 244, 214)), (1, (190, 160, 110))])
    img = Image.composite(glow, img, light)
    d = ImageDraw.Draw(img)
    for _ in range(26):
        x = rng.uniform(0, w)
        length = rng.uniform(0.08, 0.3) * h
        width = rng.uniform(14, 50)
        d.polygon([(x - width, 0), (x + width, 0), (x, length)], fill=(30, 26, 30))
    for _ in range(14):
        x = rng.uniform(0, w)
        height = rng.uniform(0.06, 0.22) * h
        width = rng.uniform(20, 60)
        d.polygon([(x - width, h), (x + width, h), (x, h - height)], fill=(26, 22, 26))
    grain(img, rng, 40).save(path, quality=86, optimize=True)


def draw_lanterns(size, path):
    rng = random.Random(41)
    w, h = size
    img = gradient(size, [(0, (14, 12, 40)), (1, (60, 20, 40))])
    glow = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(glow)
    for _ in range(70):
        r = rng.uniform(10, 60)
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        d.ellipse([x - r, y - r, x + r, y + r], fill=(255, rng.randint(120, 200), 80, rng.randint(40, 110)))
    glow = glow.filter(ImageFilter.GaussianBlur(14))
    img.paste(glow, (0, 0), glow)
    d = ImageDraw.Draw(img)
    for k in range(7):
        x = w * (0.1 + 0.13 * k)
        y = h * (0.25 + 0.08 * math.sin(k * 1.3))
        d.line([(x, 0), (x, y - 60)], fill=(90, 70, 40), width=3)
        d.ellipse([x - 55, y - 70, x + 55, y + 70], fill=(214, 34, 30))
        for j in (-30, 0, 30):
            d.arc([x - 55 + abs(j), y - 70, x + 55 - abs(j), y + 70], 90, 270, fill=(170, 20, 20), width=2)
        d.rectangle([x - 25, y - 80, x + 25, y - 66], fill=(230, 180, 60))
        d.rectangle([x - 25, y + 66, x + 25, y + 80], fill=(230, 180, 60))
        d.line([(x, y + 80), (x, y + 130)], fill=(230, 180, 60), width=4)
    grain(img, rng, 40).save(path, quality=86, optimize=True)


def draw_customs(size, path):
    """A flat illustration: a document with a check mark and a passport, for the e-customs slide."""
    w, h = size
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([w * 0.22, h * 0.08, w * 0.78, h * 0.92], radius=int(w * 0.04), fill=(246, 248, 252))
    for k in range(6):
        y = h * (0.22 + k * 0.09)
        d.rounded_rectangle([w * 0.3, y, w * (0.7 - 0.06 * (k % 2)), y + h * 0.03], radius=6, fill=(190, 202, 220))
    d.ellipse([w * 0.52, h * 0.6, w * 0.86, h * 0.94], fill=(28, 160, 90))
    d.line([(w * 0.6, h * 0.77), (w * 0.67, h * 0.85), (w * 0.79, h * 0.68)], fill=(255, 255, 255), width=int(w * 0.035),
           joint="curve")
    img.save(path, optimize=True)


def draw_logo(size, path):
    """The 'i' of foreign information in a ring, in the province's blue."""
    w, h = size
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([2, 2, w - 3, h - 3], fill=(0, 84, 166), outline=(255, 255, 255), width=max(3, w // 24))
    d.ellipse([w * 0.43, h * 0.2, w * 0.57, h * 0.34], fill=(255, 255, 255))
    d.rounded_rectangle([w * 0.43, h * 0.4, w * 0.57, h * 0.8], radius=w // 30, fill=(255, 255, 255))
    img.save(path, optimize=True)


def main():
    os.makedirs(CLUSTER, exist_ok=True)
    os.makedirs(LEDWALL, exist_ok=True)
    draw_gate((1920, 1080), os.path.join(CLUSTER, "huunghi-gate.jpg"))
    draw_mauson((1920, 1080), os.path.join(CLUSTER, "mau-son.jpg"))
    draw_cave((1920, 1080), os.path.join(CLUSTER, "tam-thanh-cave.jpg"))
    draw_lanterns((1920, 1080), os.path.join(CLUSTER, "night-market.jpg"))
    draw_customs((800, 800), os.path.join(CLUSTER, "e-customs.png"))
    draw_logo((256, 256), os.path.join(CLUSTER, "info-logo.png"))
    draw_gate((2880, 960), os.path.join(LEDWALL, "gate-wide.jpg"))
    draw_mauson((2880, 960), os.path.join(LEDWALL, "mau-son-wide.jpg"))
    draw_logo((256, 256), os.path.join(LEDWALL, "info-logo.png"))


if __name__ == "__main__":
    main()
