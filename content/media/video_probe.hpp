#pragma once
// What `pack` learns of a video by decoding it from its first frame to its last: codec,
// profile, size, frame rate, duration and frame count (the manifest's VideoInfo), refusing a
// video a screen could not play to its end. One line per refusal, naming the file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "content/manifest/manifest.hpp"
#include "content/manifest/manifest_json.hpp"

namespace gatecast::content {

// Decodes every frame of `file` (a video `container` by its first bytes) once. Throws
// Error(rejected, subject, ...): Reason::unplayable for a container that does not open, no
// video stream, a codec outside H.264/HEVC/VP9/AV1, a stream that does not decode all the way
// through (a bitstream error, or frames ending well before the length the file declares);
// Reason::limit for more than limits.max_video_width x max_video_height or more than
// max_video_frame_rate frames per second. Runs on the calling thread; takes about as long as
// decoding the file. `decoded`, when given, is told after each picture how far the decoding
// is: the picture's start and the length the file declares, in microseconds (0: unknown).
// `decoder_threads` 0 lets FFmpeg use every core; a fuzzer gives 1, so that an input costs
// no thread start-ups and runs the same way every time.
[[nodiscard]] VideoInfo probe_video(
    const std::filesystem::path& file, AssetType container, const std::string& subject,
    const ManifestLimits& limits = {},
    const std::function<void(std::int64_t at_us, std::int64_t of_us)>& decoded = {}, int decoder_threads = 0);

}  // namespace gatecast::content
