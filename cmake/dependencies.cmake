# Every outside library comes from Debian's packages (deploy/install-deps.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
pkg_check_modules(SDL2_TTF REQUIRED IMPORTED_TARGET SDL2_ttf)
pkg_check_modules(SDL2_IMAGE REQUIRED IMPORTED_TARGET SDL2_image)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(UNIBREAK REQUIRED IMPORTED_TARGET libunibreak)
pkg_check_modules(JPEG REQUIRED IMPORTED_TARGET libjpeg)
# Turning the output off at night (player/display/output_power*.cpp): DPMS through DRM and X11,
# HDMI-CEC standby. libcec's pkg-config file wants p8-platform's, which Debian's libcec-dev does
# not pull in, so libcec is found by its header and library.
pkg_check_modules(DRM REQUIRED IMPORTED_TARGET libdrm)
pkg_check_modules(XDPMS REQUIRED IMPORTED_TARGET x11 xext)
find_path(CEC_INCLUDE_DIR libcec/cecc.h REQUIRED)
find_library(CEC_LIBRARY cec REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)
if(GATECAST_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()
