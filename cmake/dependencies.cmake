# Every outside library comes from Debian's packages (deploy/install-deps.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
pkg_check_modules(SDL2_TTF REQUIRED IMPORTED_TARGET SDL2_ttf)
pkg_check_modules(SDL2_IMAGE REQUIRED IMPORTED_TARGET SDL2_image)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(ICU_UC REQUIRED IMPORTED_TARGET icu-uc)
pkg_check_modules(JPEG REQUIRED IMPORTED_TARGET libjpeg)
# PNG through libpng's simplified API, which never prints (player/images/png_decode.cpp).
pkg_check_modules(PNG REQUIRED IMPORTED_TARGET libpng16)
# Photos' EXIF orientation (player/images/exif_orientation.cpp).
pkg_check_modules(EXIF REQUIRED IMPORTED_TARGET libexif)
# Video (content/media, player/video): demuxing, decoding and scaling with FFmpeg's libraries.
pkg_check_modules(AVFORMAT REQUIRED IMPORTED_TARGET libavformat)
pkg_check_modules(AVCODEC REQUIRED IMPORTED_TARGET libavcodec)
pkg_check_modules(AVUTIL REQUIRED IMPORTED_TARGET libavutil)
pkg_check_modules(SWSCALE REQUIRED IMPORTED_TARGET libswscale)
# A video's sound, resampled to the audio device's format (player/video/sound_track.cpp).
pkg_check_modules(SWRESAMPLE REQUIRED IMPORTED_TARGET libswresample)
# Turning the output off at night (player/display/output_power*.cpp): DPMS through DRM and X11,
# HDMI-CEC standby. libcec's pkg-config file wants p8-platform's, which Debian's libcec-dev does
# not pull in, so libcec is found by its header and library.
pkg_check_modules(DRM REQUIRED IMPORTED_TARGET libdrm)
pkg_check_modules(XDPMS REQUIRED IMPORTED_TARGET x11 xext)
find_path(CEC_INCLUDE_DIR libcec/cecc.h REQUIRED)
find_library(CEC_LIBRARY cec REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)
if(GATECAST_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()
