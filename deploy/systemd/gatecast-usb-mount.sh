#!/bin/sh
# Mounts (or unmounts) /dev/$2 at /run/gatecast/usb/$2 for the gatecast player; called by
# gatecast-usb-import@.service. The mount is PID 1's (systemd-mount makes a transient mount
# unit), so it is visible to the player although this script runs in a sandbox. FAT/exFAT/NTFS
# have no owners, so the files are given to the gatecast user; on ext* the stick's own
# permissions apply.
#   gatecast-usb-mount.sh mount sdb1 | gatecast-usb-mount.sh unmount sdb1
set -eu
action=$1
name=$2
case "$name" in *[!A-Za-z0-9]*|'') echo "gatecast-usb-mount: bad device name: $name" >&2; exit 2 ;; esac
where=/run/gatecast/usb/$name
if [ "$action" = unmount ]; then
  systemd-umount "$where" 2>/dev/null || true
  exit 0
fi
# -c /dev/null: no blkid cache (the sandbox's /run is read-only, and a stick is new anyway).
type=$(blkid -c /dev/null -o value -s TYPE "/dev/$name" || true)
options=nosuid,nodev,noexec,noatime
case "$type" in
  vfat|exfat|ntfs|ntfs3) options=$options,uid=gatecast,gid=gatecast,umask=0027 ;;
  ext2|ext3|ext4) ;;
  *) echo "gatecast-usb-mount: /dev/$name: file system '$type' is not imported" >&2; exit 0 ;;
esac
exec systemd-mount --collect --no-ask-password -t "$type" -o "$options" "/dev/$name" "$where"
