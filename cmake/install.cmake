# install(): what a screen needs, laid out as Debian expects (debian/ builds the package from
# these rules with `cmake --install`). The binary finds its data at run time relative to
# itself (player/data/bundled_data.hpp), so any prefix works; the units name /usr/bin/gatecast and
# /usr/lib/gatecast, the package's layout.
#
# systemd and udev read their files from /lib on Debian 12 whatever the prefix is for the rest;
# a prefix other than /usr keeps them under itself (a test install, a staging tree).
# Empty cache values follow the prefix, also when it changes after the first configure.
set(GATECAST_SYSTEMD_UNIT_DIR "" CACHE PATH "Where the systemd units go (empty: from the prefix)")
set(GATECAST_UDEV_RULES_DIR "" CACHE PATH "Where the udev rule goes (empty: from the prefix)")
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(gatecast_unit_dir "/lib/systemd/system")
  set(gatecast_udev_dir "/lib/udev/rules.d")
else()
  set(gatecast_unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
  set(gatecast_udev_dir "${CMAKE_INSTALL_PREFIX}/lib/udev/rules.d")
endif()
if(GATECAST_SYSTEMD_UNIT_DIR)
  set(gatecast_unit_dir "${GATECAST_SYSTEMD_UNIT_DIR}")
endif()
if(GATECAST_UDEV_RULES_DIR)
  set(gatecast_udev_dir "${GATECAST_UDEV_RULES_DIR}")
endif()
set(gatecast_libexec "${CMAKE_INSTALL_PREFIX}/lib/gatecast")
set(gatecast_data "${CMAKE_INSTALL_DATADIR}/gatecast")

install(TARGETS gatecast RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(DIRECTORY fonts/ DESTINATION ${gatecast_data}/fonts FILES_MATCHING PATTERN "*.ttf" PATTERN "*.ttc")
install(DIRECTORY examples/ DESTINATION ${gatecast_data}/examples PATTERN tools EXCLUDE)

install(FILES deploy/systemd/gatecast-player.service deploy/systemd/gatecast-player-safe.service
              deploy/systemd/gatecast-usb-import@.service deploy/kiosk/gatecast-kiosk.service
        DESTINATION ${gatecast_unit_dir})
install(PROGRAMS deploy/systemd/gatecast-usb-mount.sh deploy/kiosk/gatecast-kiosk.sh DESTINATION ${gatecast_libexec})
install(FILES deploy/udev/99-gatecast-usb.rules DESTINATION ${gatecast_udev_dir})
install(FILES deploy/systemd/gatecast.sysusers DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/sysusers.d RENAME gatecast.conf)
install(FILES deploy/systemd/gatecast.tmpfiles DESTINATION ${CMAKE_INSTALL_PREFIX}/lib/tmpfiles.d RENAME gatecast.conf)

# The screen's config: an example that refuses to play until a technician fills in the
# screen's id and the department's key (a conffile in the package: upgrades keep the edits).
install(FILES deploy/config/player.json DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/gatecast)

install(FILES docs/gatecast.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES deploy/bash-completion/gatecast DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES README.md docs/architecture.md docs/config.md docs/deploy.md docs/manifest.md docs/player.md
              docs/rendering.md docs/reports.md docs/schedule.md docs/signing.md docs/store.md docs/sync.md
              docs/text.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES deploy/config/langson-huunghi.json deploy/config/langson-tanthanh.json
              deploy/config/kontum-example.json
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES fonts/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME fonts.md)
install(FILES fonts/COPYRIGHT-fonts-noto-core.txt fonts/COPYRIGHT-fonts-noto-cjk.txt DESTINATION ${CMAKE_INSTALL_DOCDIR})
