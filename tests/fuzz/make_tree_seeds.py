#!/usr/bin/env python3
"""Writes the seed corpora of the two folder-tree fuzz targets, fuzz_store_files and
fuzz_usb_scan, in the archive form of tests/fuzz/fuzz_tree.hpp. The seeds are a whole store
and a whole stick as gatecast lays them out (docs/store.md, design.md), each followed by the
damage a power cut, a full disk or a hostile stick leaves. The targets sign manifests and
publish their own package, so these bytes need no key. Run from anywhere:
    tests/fuzz/make_tree_seeds.py
"""
import hashlib
import json
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
FILE, FOLDER, LINK, FIFO = 0, 1, 2, 3


def entry(kind, name, data=b""):
    name = name.encode() if isinstance(name, str) else name
    data = data.encode() if isinstance(data, str) else data
    return bytes([kind, len(name)]) + name + struct.pack("<H", len(data)) + data


def blob_bytes(size, seed):
    """fx::blob_bytes of tests/content/test_install_fixture.hpp: the targets' published blobs."""
    x = (seed * 2654435761 + 1) & 0xFFFFFFFF
    out = bytearray()
    for _ in range(size):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        out.append(x & 0xFF)
    return bytes(out)


def sha(data):
    return hashlib.sha256(data).hexdigest()


PHOTO, LOGO = blob_bytes(3000, 1), blob_bytes(200, 2)


def manifest(version, assets, channel="langson", expires="2099-01-01T00:00:00+07:00"):
    slides = [{"layout": "full", "duration": 10,
               "content": {"picture": {"type": "image", "asset": n, "fit": "contain"}}} for n in sorted(assets)]
    doc = {"format": "gatecast/1", "channel": channel, "version": version,
           "created": "2026-11-20T08:00:00+07:00", "expires": expires, "targets": ["langson/huunghi/*"],
           "assets": {n: {"sha256": sha(b), "size": len(b), "type": "image/png"} for n, b in assets.items()},
           "layouts": {"full": {"size": [1920, 1080], "regions": {"picture": {"rect": [0, 0, 1920, 1080]}}}},
           "playlists": {"day": {"slides": slides}}, "schedule": {"default": "day"}}
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def slot(at, error, reason):
    text = json.dumps({"at": at, "error": error, "reason": reason}, separators=(",", ":"))
    return text.ljust(4095) + "\n"


def store_seeds():
    assets = {"photo": PHOTO, "logo": LOGO}
    m = manifest(4, assets)
    v = "store/channels/langson/versions/4/"
    blobs = "".join(f"{sha(b)} {len(b)}\n" for b in sorted(assets.values(), key=sha))
    whole = (entry(FILE, "state.json", json.dumps({"last_attempt": "2026-11-25T02:00:00Z",
                                                   "last_success": "2026-11-25T02:00:00Z",
                                                   "next_attempt": "2026-11-25T02:10:00Z", "last_error": ""},
                                                  indent=2) + "\n")
             + entry(FILE, "state.error", " " * 4095 + "\n")
             + entry(FILE, "time-floor.json", json.dumps(
                 {"signed_created": {"at": "2026-11-20T01:00:00Z", "boot_id": "b", "since_boot_ms": 5},
                  "clock": {"at": "2026-11-25T02:00:00Z", "boot_id": "fuzz-boot", "since_boot_ms": 1000}}) + "\n")
             + entry(FILE, "accepted/langson", f"4 {sha(m.encode())}\n")
             + entry(FILE, "store/channels/langson/current", "4\n")
             + entry(FILE, v + "manifest.json", m)
             + entry(FILE, v + "manifest.json.minisig", "untrusted comment: x\nRWQ=\ntrusted comment: x\nAA==\n")
             + entry(FILE, v + "blobs", blobs)
             + entry(FILE, v + "installed", "1764036000000\n")
             + entry(FILE, "store/blobs/" + sha(PHOTO), PHOTO)
             + entry(FILE, "store/blobs/" + sha(LOGO), LOGO)
             + entry(FILE, "store/lock", ""))
    staging = "store/staging/" + sha(manifest(5, assets).encode()) + "/"
    return {
        "empty": entry(FOLDER, "store"),
        "whole_store": whole,
        "resume_partial": whole + entry(FILE, staging + sha(PHOTO) + ".partial", PHOTO[:1000]),
        "wrong_partial": whole + entry(FILE, staging + sha(PHOTO) + ".partial", LOGO)
        + entry(FILE, staging + sha(LOGO), PHOTO[:200]),
        "torn_state": entry(FILE, "state.json", '{"last_attempt": "2026-11-25T0'),
        "slot_newer": entry(FILE, "state.error", slot("2026-11-25T05:00:00Z", "disk full", "io")),
        "record_ahead": whole.replace(b"4 " + sha(m.encode()).encode(), b"9 " + sha(m.encode()).encode()),
        "current_damaged": entry(FILE, "store/channels/langson/current", "04\n") + entry(FOLDER, v),
        "blob_lost": whole.replace(entry(FILE, "store/blobs/" + sha(LOGO), LOGO), b""),
        "blob_link": entry(LINK, "store/blobs/" + sha(LOGO), "d") + entry(FOLDER, "store/channels/langson"),
        "fifo_state": entry(FIFO, "state.json") + entry(FIFO, "time-floor.json") + entry(FIFO, "accepted/langson"),
        "keys_damaged": entry(FILE, "keys/keys.json", '{"format": "gatecast-keys/1", "version": 2'),
        "tmp_version": whole + entry(FILE, "store/channels/langson/versions/.tmp-5/manifest.json", "{"),
        # The store a link whose target's name is longer than NAME_MAX: stat fails with
        # ENAMETOOLONG, which std::filesystem::exists threw past every caller.
        "store_link_too_long": entry(LINK, "store", "x" * 300),
    }


def stick(prefix, channel_files, blobs):
    out = b""
    for name, data in channel_files.items():
        out += entry(FILE, prefix + "gatecast/channels/langson/" + name, data)
    for data in blobs:
        out += entry(FILE, prefix + "gatecast/blobs/" + sha(data), data)
    return out


def usb_seeds():
    # The first byte is the flags: bit 0 signs the manifests, bit 1 gives the screen a play log.
    good = {"manifest.json": manifest(5, {"photo": PHOTO, "logo": LOGO})}
    blobs = [PHOTO, LOGO]
    return {
        "signed_stick": b"\x03" + stick("", good, blobs),
        "stick_depth1": b"\x01" + stick("KINGSTON/", good, blobs),
        "stick_depth2": b"\x01" + stick("user/KINGSTON/", good, blobs),
        "unsigned": b"\x00" + stick("", dict(good, **{"manifest.json.minisig": "untrusted comment: x\n"}), blobs),
        "blob_short": b"\x01" + stick("", good, [PHOTO[:100], LOGO]),
        "blob_long": b"\x01" + stick("", good, [PHOTO + b"x", LOGO]),
        "blob_missing": b"\x01" + stick("", good, [LOGO]),
        "blob_fifo": b"\x01" + stick("", good, [LOGO]) + entry(FIFO, "gatecast/blobs/" + sha(PHOTO)),
        "blob_link": b"\x01" + stick("", good, [LOGO]) + entry(LINK, "gatecast/blobs/" + sha(PHOTO), "d/x"),
        "gatecast_link": b"\x01" + entry(LINK, "gatecast", "d"),
        "channel_link": b"\x01" + entry(LINK, "gatecast/channels/langson", "d") + stick("", {}, blobs),
        "manifest_fifo": b"\x00" + entry(FIFO, "gatecast/channels/langson/manifest.json"),
        "reports_link": b"\x03" + stick("", good, blobs) + entry(LINK, "gatecast-reports", "d"),
        "reports_file": b"\x03" + stick("", good, blobs) + entry(FILE, "gatecast-reports", "x"),
        "other_channel": b"\x01" + entry(FILE, "gatecast/channels/hanoi/manifest.json",
                                         manifest(1, {}, channel="hanoi")),
        "wrong_channel": b"\x01" + stick("", {"manifest.json": manifest(5, {"logo": LOGO}, channel="hanoi")}, [LOGO]),
        "expired": b"\x01" + stick("", {"manifest.json": manifest(5, {"logo": LOGO},
                                                                  expires="2026-01-01T00:00:00Z")}, [LOGO]),
        "keys_on_stick": b"\x01" + stick("", good, blobs)
        + entry(FILE, "gatecast/keys/keys.json", '{"format": "gatecast-keys/1", "version": 2}'),
        "not_json": b"\x01" + stick("", {"manifest.json": "\xff\xfe{"}, []),
    }


def write(target, seeds):
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in seeds.items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    write("fuzz_store_files", store_seeds())
    write("fuzz_usb_scan", usb_seeds())
