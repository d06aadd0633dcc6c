#pragma once
// One video file opened with FFmpeg's libraries (libavformat's demuxer for the container the
// file's bytes say it is, libavcodec's decoder for its best video stream), read frame by frame
// in presentation order. Both sides use it: `pack` decodes every frame once to probe a video
// (video_probe.hpp), the player decodes the frames it shows (player/video/).
//
// Frame times are microseconds from the stream's start (its first frame is at 0 for the files
// encoders write), so "the frame at T" means the same on every screen and in `render --at`.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "content/manifest/manifest.hpp"
#include "content/media/hw_decoding.hpp"

struct AVFormatContext;
struct AVCodecContext;
struct AVFrame;
struct AVPacket;
struct AVInputFormat;
struct AVCodec;

namespace gatecast::content {

// The codecs a screen decodes (FFmpeg names), and how people call them.
[[nodiscard]] bool is_playable_codec(const std::string& ffmpeg_name);
inline constexpr const char* playable_codecs_text = "H.264, HEVC, VP9, AV1";

// libavformat's demuxer for a video container (a video AssetType); null for any other type.
[[nodiscard]] const AVInputFormat* demuxer_for(AssetType container);

class VideoFile {
 public:
  // Opens `file` with the demuxer of `container` (a video AssetType: the type its first bytes
  // say, so no other demuxer ever parses it), finds its best video stream and opens a decoder
  // for it. `strict` makes any bitstream error an error (pack) instead of concealed (the
  // screen). Throws Error(rejected, Reason::unplayable, subject, ...) when the container cannot
  // be read, has no video stream, or its codec is not one of the playable codecs.
  // `hardware`: try hardware decoding first (hw_decoding.hpp); software when it does not open.
  VideoFile(const std::filesystem::path& file, AssetType container, const std::string& subject, bool strict,
            int decoder_threads = 1, const HardwareDecoding* hardware = nullptr);
  ~VideoFile();
  VideoFile(const VideoFile&) = delete;
  VideoFile& operator=(const VideoFile&) = delete;

  // The next frame in presentation order, or null after the last. Valid until the next call.
  // Throws Error(rejected, Reason::unplayable, subject, "... at 3.200 s: ...") when the stream
  // breaks (a read or decode error).
  [[nodiscard]] const AVFrame* next_frame();

  // Repositions at the keyframe at or before `us`; the next frames decode forward from there.
  // Throws like next_frame().
  void seek(std::int64_t us);

  // The start of `frame` in microseconds from the stream's start.
  [[nodiscard]] std::int64_t start_us(const AVFrame* frame) const;
  // How long `frame` shows (its packet's duration, else one frame period), microseconds > 0.
  [[nodiscard]] std::int64_t duration_us(const AVFrame* frame) const;

  [[nodiscard]] std::string codec() const;    // "h264"
  [[nodiscard]] std::string profile() const;  // "High"; empty when the codec names none
  [[nodiscard]] int width() const;
  [[nodiscard]] int height() const;
  // The declared average frame rate (frames/s); 0 when the container does not say.
  [[nodiscard]] double declared_frame_rate() const;
  // The stream's (else the container's) declared length in microseconds; 0 when unknown.
  [[nodiscard]] std::int64_t declared_duration_us() const;
  [[nodiscard]] const std::string& subject() const { return subject_; }
  // Whether the frames come from a hardware decoder, and the path in words ("software (no
  // /dev/dri render node)", "hardware (VAAPI on /dev/dri/renderD128)").
  [[nodiscard]] bool hardware() const { return hardware_; }
  [[nodiscard]] const std::string& decoding() const { return decoding_; }

 private:
  void open(const std::filesystem::path& file, AssetType container, bool strict, int decoder_threads,
            const HardwareDecoding* hardware);
  // Allocates and opens codec_ with `decoder`, on `path`'s hardware when it has some; returns
  // FFmpeg's error, codec_ freed again on failure.
  int open_decoder(const AVCodec* decoder, bool strict, int decoder_threads, HardwarePath* path);
  // Frees whatever FFmpeg holds; the destructor's job, and the constructor's when opening fails
  // (a constructor that throws runs no destructor).
  void release() noexcept;
  [[noreturn]] void fail(const std::string& problem) const;
  [[noreturn]] void fail_at(std::int64_t us, const std::string& what, int av_error) const;

  std::string subject_;
  AVFormatContext* format_ = nullptr;
  AVCodecContext* codec_ = nullptr;
  AVPacket* packet_ = nullptr;
  AVFrame* frame_ = nullptr;
  AVFrame* memory_frame_ = nullptr;  // a hardware frame copied back to memory
  bool hardware_ = false;
  std::string decoding_ = "software";
  int stream_ = -1;
  std::int64_t stream_start_ = 0;  // in the stream's time base
  std::int64_t last_us_ = 0;       // where the stream was last read, for messages
  bool draining_ = false;          // the demuxer is done; the decoder gives back what it holds
  bool finished_ = false;
};

// FFmpeg's description of an error code ("Invalid data found when processing input").
[[nodiscard]] std::string av_error_text(int av_error);

}  // namespace gatecast::content
