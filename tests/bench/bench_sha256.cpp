// bench_sha256 FILE...: hashes each file with content::sha256_file_hex (what the store and
// `gatecast verify` use) and prints "<hex>  <file>" lines like sha256sum, so that a script can
// time it against `openssl dgst -sha256` and check both agree. Timing is the caller's job
// (bench_verify.sh), so that both tools are measured the same way, process start included.
#include <cstdio>
#include <exception>

#include "content/base/sha256.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_sha256 FILE...\n");
    return 2;
  }
  try {
    for (int i = 1; i < argc; ++i) {
      std::printf("%s  %s\n", gatecast::content::sha256_file_hex(argv[i]).c_str(), argv[i]);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_sha256: %s\n", e.what());
    return 1;
  }
  return 0;
}
