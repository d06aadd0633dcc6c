#!/bin/sh
# Starts the gatecast player as the only thing on the screen, for machines that need a
# Wayland session (a GPU whose KMS driver SDL cannot drive directly, or a touch kiosk):
# cage (https://github.com/cage-kiosk/cage) runs one fullscreen application and nothing else.
# Without cage, the player drives the display itself through SDL's kmsdrm driver.
#   gatecast-kiosk.sh [/etc/gatecast/player.json]
# Run from gatecast-kiosk.service (a session on tty1 with the gatecast user's seat), never
# from a desktop session. docs/deploy.md compares the two ways.
set -eu
config=${1:-/etc/gatecast/player.json}
gatecast=${GATECAST:-/usr/bin/gatecast}

if command -v cage >/dev/null 2>&1; then
  # -d: no client-side decorations; -s: allow VT switching for a technician with a keyboard.
  export SDL_VIDEODRIVER=wayland
  export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/run/user/$(id -u)}
  exec cage -d -s -- "$gatecast" play --config "$config"
fi
export SDL_VIDEODRIVER=kmsdrm
exec "$gatecast" play --config "$config"
