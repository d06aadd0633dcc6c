#pragma once
// The store's blobs: files named by the SHA-256 of their bytes, checked (size, then hash)
// before they enter blobs/, and never changed afterwards. Staging holds the blobs of one
// manifest while they are fetched; they enter blobs/ together, only when every one verified,
// so that a rejected package leaves nothing in the store.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "content/store/layout.hpp"

namespace gatecast::content {

struct BlobRef {
  std::string sha256;  // 64 lowercase hex digits (checked by the manifest parser)
  std::uint64_t size = 0;
  auto operator<=>(const BlobRef&) const = default;
};

// True when blobs/<sha256> is a regular file (not a symlink) of `size` bytes.
[[nodiscard]] bool blob_present(const StoreLayout& layout, const BlobRef& blob);

// Checks the staged file `partial` (size first, then SHA-256), fsyncs it and renames it to its
// verified name in the same staging folder. `received_sha256` is the hash of its bytes when
// the source computed it while receiving (the file is then not read again); empty: the file
// is hashed here. A mismatch removes `partial` and throws Error(rejected, subject, ...)
// naming what is wrong; I/O failures throw Error(runtime).
void verify_staged_blob(const std::filesystem::path& partial, const BlobRef& blob, const std::string& subject,
                        const std::string& received_sha256 = {});

// Moves every verified blob of a staging folder into blobs/ and fsyncs both folders. Each
// must be present in `staging` under its hash or already in blobs/. Throws Error(runtime).
void admit_staged_blobs(const StoreLayout& layout, const std::filesystem::path& staging,
                        const std::vector<BlobRef>& blobs);

// The hashes of the files in blobs/ (anything else found there is ignored).
[[nodiscard]] std::vector<std::string> list_blobs(const StoreLayout& layout);

// "<sha256> <size>\n" per blob, sorted: the `blobs` file of a version folder.
[[nodiscard]] std::string format_blob_list(const std::vector<BlobRef>& blobs);
// Parses that form; throws Error(runtime, subject, ...) on anything else.
[[nodiscard]] std::vector<BlobRef> parse_blob_list(const std::string& text, const std::string& subject);

}  // namespace gatecast::content
