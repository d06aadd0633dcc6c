#!/usr/bin/env bash
# Installs every build, test and demo dependency of gatecast from Debian's packages.
# Idempotent: packages already present are left alone. Runs as root, or through sudo.
#   deploy/install-deps.sh            build + test + demo dependencies
#   deploy/install-deps.sh --bench    also the tools the benchmarks compare against
set -euo pipefail

packages=(
  # build; ccache on every machine that runs this, CI included, so that all build the test
  # files one way (tests/CMakeLists.txt precompiles headers only where there is no ccache)
  build-essential cmake pkg-config clang-format ccache
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libjpeg62-turbo-dev libpng-dev libexif-dev
  nlohmann-json3-dev libcurl4-openssl-dev libssl-dev libsodium-dev libharfbuzz-dev libfreetype-dev libicu-dev
  libxlsxwriter-dev
  catch2
  # turning the screen off at night: DPMS through DRM and X11, HDMI-CEC standby
  libdrm-dev libx11-dev libxext-dev libcec-dev
  # video: demuxing, decoding, scaling and its sound resampled (FFmpeg's libraries); the ffmpeg/ffprobe commands
  # below make the test clips and check the probe
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
  # test peers: the real signing tool, a real web server, a real X server
  minisign nginx-light xvfb openssl ca-certificates
  # HarfBuzz's own hb-shape and hb-view: the oracle the text tests compare against (hb-view's
  # SVG is rasterized by ffmpeg's librsvg decoder)
  libharfbuzz-bin ffmpeg
  # reports: the spreadsheet is read back by an independent reader; the fleet page by a browser
  python3-openpyxl chromium
  # photos' EXIF orientation is checked against Pillow's exif_transpose; the idle screen's clock
  # and dates are read back by OCR
  python3-pil tesseract-ocr
  # images for the golden/preview tests are checked with the same decoders the player uses
  file
  # the site's time zone (Asia/Ho_Chi_Minh) is read from the system's zoneinfo
  tzdata
  # the Debian package and its tests: dpkg-buildpackage, lintian, a Debian 12 root booted under
  # systemd, the units' security figures, the man page and the completion, X's xset
  debhelper dpkg-dev lintian mmdebstrap systemd-container man-db bash-completion x11-xserver-utils
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(feh mpv hyperfine time xdotool x11-utils jq)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "gatecast: all dependencies are installed"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "gatecast: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
echo "gatecast: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Debian's nginx package starts a system-wide server on port 80 when installed; the tests start
# their own nginx on loopback, so the packaged one is told not to start (policy-rc.d).
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "gatecast: dependencies installed"
