# Compile options every gatecast target shares: warnings, and the sanitizer build.
add_library(gatecast_options INTERFACE)
target_compile_options(gatecast_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                                  -Wold-style-cast -Wcast-align)
# GCC 12 at -O3 reports -Wrestrict inside libstdc++'s std::string operator+ (GCC bug 105329),
# which would fail every Release build with GATECAST_WERROR; fixed in GCC 13.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(gatecast_options INTERFACE -Wno-restrict)
endif()
if(GATECAST_WERROR)
  target_compile_options(gatecast_options INTERFACE -Werror)
endif()
if(GATECAST_SANITIZE)
  target_compile_options(gatecast_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=undefined)
  target_link_options(gatecast_options INTERFACE -fsanitize=address,undefined)
endif()
# libFuzzer is guided by the coverage of the code a target calls, so in a fuzzing build every
# library is compiled with the fuzzer's instrumentation and the sanitizers; only the targets in
# tests/fuzz link libFuzzer's own main.
if(GATECAST_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(gatecast_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                    -fno-omit-frame-pointer)
  target_link_options(gatecast_options INTERFACE -fsanitize=address,undefined)
endif()
