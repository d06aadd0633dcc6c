#include "content/signing/secret_key_kdf.hpp"

#include <sodium.h>

#include "content/base/error.hpp"
#include "content/signing/minisign_format.hpp"

namespace gatecast::content {

KdfLimits minisign_kdf_limits() {
  return {crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE,
          crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE};
}

namespace minisign_format {

void apply_scrypt_stream(std::string& bytes, std::string_view password, std::string_view salt,
                         const KdfLimits& limits, const std::string& subject) {
  ensure_sodium();
  if (limits.opslimit < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
      limits.opslimit > max_kdf_opslimit ||
      limits.memlimit < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN ||
      limits.memlimit > max_kdf_memlimit) {
    fail_usage(subject, "asks for key derivation limits outside minisign's range (opslimit " +
                            std::to_string(limits.opslimit) + ", memlimit " +
                            std::to_string(limits.memlimit) + ")");
  }
  if (salt.size() != crypto_pwhash_scryptsalsa208sha256_SALTBYTES)
    fail_usage(subject, "has a salt of the wrong size");
  std::string stream(bytes.size(), '\0');
  if (crypto_pwhash_scryptsalsa208sha256(reinterpret_cast<unsigned char*>(stream.data()), stream.size(),
                                         password.data(), password.size(),
                                         reinterpret_cast<const unsigned char*>(salt.data()), limits.opslimit,
                                         static_cast<std::size_t>(limits.memlimit)) != 0) {
    wipe(stream);
    fail_runtime(Reason::key, subject, "cannot derive the key from the password (out of memory?)");
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(bytes[i] ^ stream[i]);
  wipe(stream);
}

}  // namespace minisign_format
}  // namespace gatecast::content
