#pragma once
// A real nginx on 127.0.0.1 for one test: serves a publish tree at "/", accepts WebDAV PUTs
// under "/dav/" (stored in dav_dir()), and logs each request's status and byte counts so that
// tests count what crossed the wire the way an operator would. Runs as the current user with
// everything (config, pid, logs, temp folders) in its own temp folder, in the foreground and
// single-process, so that stop() and kill() end it at once and a test can cut a transfer in
// the middle. Every wait is bounded.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace gatecast::test {

// One line of the access log.
struct NginxRequest {
  int status = 0;
  std::uint64_t bytes_sent = 0;       // headers and body, as nginx counts them
  std::uint64_t body_bytes_sent = 0;  // body only
  std::uint64_t request_length = 0;   // the request as received: request line, headers, body
  std::string range;                  // the request's Range header, "-" when none
  std::string method;
  std::string uri;
};

struct NginxOptions {
  std::string limit_rate{};  // nginx's limit_rate for "/" ("200k"), empty = none
  bool dav = true;           // accept PUT under /dav/
  std::string extra{};       // more directives inside server{} ("location = /x { return 500; }")
  bool tls = false;          // HTTPS with a self-signed certificate for 127.0.0.1 (cert_file())
};

class Nginx {
 public:
  // Serves `root` (a publish tree). Starts at once; throws when nginx does not come up.
  explicit Nginx(std::filesystem::path root, NginxOptions options = {})
      : root_(std::move(root)),
        options_(std::move(options)),
        dir_("gatecast-nginx"),
        port_(free_port()),
        marker_port_(free_port()) {
    std::filesystem::create_directories(dir_ / "webdav" / "dav");
    std::filesystem::create_directories(dir_ / "tmp");
    start();
  }
  ~Nginx() { stop(); }
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  std::string url() const {
    return (options_.tls ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(port_);
  }
  // The certificate (PEM) that a TLS server presents: the CA file a client must trust.
  std::filesystem::path cert_file() const { return dir_ / "cert.pem"; }
  std::string dav_url() const { return url() + "/dav/"; }
  std::filesystem::path dav_dir() const { return dir_ / "webdav" / "dav"; }
  int port() const { return port_; }

  // Writes the config and starts nginx on the same port (again, after stop() or kill()).
  void start(const NginxOptions& options) {
    options_ = options;
    start();
  }
  void start() {
    if (pid_ > 0) return;
    write_config();
    std::fflush(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string conf = (dir_ / "nginx.conf").string(), prefix = dir_.path().string() + "/",
                        err = (dir_ / "error.log").string();
      ::execl("/usr/sbin/nginx", "nginx", "-p", prefix.c_str(), "-e", err.c_str(), "-c", conf.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 500; ++i) {  // up to 5 s
      if (accepts_connections()) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("nginx exited at start: " + read_whole(dir_ / "error.log"));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop();
    throw std::runtime_error("nginx did not start listening within 5 s");
  }

  // Ends nginx at once (SIGKILL: a transfer in progress is cut, and nginx does not log it).
  void kill() { end(SIGKILL); }
  // Ends nginx (SIGTERM: connections closed, requests in progress logged as they stand).
  void stop() { end(SIGTERM); }
  bool running() const { return pid_ > 0; }

  // Every request logged so far, in order. nginx writes a line just after the response's last
  // byte, so a client may be done before its line is: settle() waits for that.
  std::vector<NginxRequest> requests() const {
    settle();
    std::vector<NginxRequest> out;
    std::ifstream in(dir_ / "access.log");
    std::string line;
    while (std::getline(in, line)) {
      if (line.find(" /" + std::string(settle_prefix)) != std::string::npos) continue;
      std::istringstream s(line);
      NginxRequest r;
      std::string request;
      s >> r.status >> r.bytes_sent >> r.body_bytes_sent >> r.request_length;
      std::getline(s >> std::ws, request);
      // request is: "<range>" "<method> <uri> <protocol>"
      const auto second = request.find("\" \"");
      if (second == std::string::npos) continue;
      r.range = request.substr(1, second - 1);
      std::istringstream req(request.substr(second + 3));
      req >> r.method >> r.uri;
      out.push_back(r);
    }
    return out;
  }

  // Body bytes sent for requests whose URI starts with `prefix` (e.g. "/blobs/").
  std::uint64_t body_bytes_for(const std::string& prefix) const {
    std::uint64_t n = 0;
    for (const auto& r : requests()) {
      if (r.uri.rfind(prefix, 0) == 0) n += r.body_bytes_sent;
    }
    return n;
  }
  std::size_t count_for(const std::string& prefix) const {
    std::size_t n = 0;
    for (const auto& r : requests()) n += r.uri.rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
  }
  // Waits until every request answered so far is in the access log. nginx runs as one
  // process and logs a request before it takes the next one, so once a marker request sent
  // now is logged, so is everything before it: an event, not a quiet period (over TLS too: the
  // marker goes to a plain listener of the same server). The deadline is a hang guard. Once
  // nginx has ended (stop(), kill()) the log is whole.
  void settle() const {
    if (!running()) return;  // nginx has ended: its log is whole
    const std::string uri = "/" + std::string(settle_prefix) + std::to_string(++settles_);
    send_marker_request(uri);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (read_whole(dir_ / "access.log").find(" " + uri + " ") == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("nginx did not log " + uri + " within 30 s");
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  std::string error_log() const { return read_whole(dir_ / "error.log"); }
  void clear_log() const {
    settle();
    std::ofstream(dir_ / "access.log", std::ios::trunc);
  }

 private:
  static constexpr const char* settle_prefix = "__gatecast-settle-";

  // A plain GET of `uri` whose answer (a 204) is read to its end.
  void send_marker_request(const std::string& uri) const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(marker_port_));
    const std::string request = "GET " + uri + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    bool ok =
        ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size());
    char buffer[4096];
    while (ok) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n == 0) break;
      ok = n > 0 || errno == EINTR;
    }
    ::close(fd);
    if (!ok) throw std::runtime_error("nginx did not answer the settle request " + uri);
  }

  void end(int sig) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    int status = 0;
    for (int i = 0; i < 500; ++i) {  // up to 5 s, then SIGKILL
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(fd);
      throw std::runtime_error("no free port on 127.0.0.1");
    }
    ::close(fd);
    return ntohs(a.sin_port);
  }

  bool accepts_connections() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port_));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
  }

  void make_certificate() const {
    if (std::filesystem::exists(cert_file())) return;
    const RunResult r = run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                             (dir_ / "key.pem").string(), "-out", cert_file().string()});
    if (r.exit_code != 0) throw std::runtime_error("openssl req failed: " + r.err);
  }

  void write_config() const {
    if (options_.tls) make_certificate();
    const std::string d = dir_.path().string();
    std::ofstream c(dir_ / "nginx.conf", std::ios::trunc);
    c << "daemon off;\nmaster_process off;\npid " << d << "/nginx.pid;\nerror_log " << d
      << "/error.log warn;\n"
      << "events { worker_connections 64; }\n"
      << "http {\n"
      << "  default_type application/octet-stream;\n"
      << "  log_format gatecast '$status $bytes_sent $body_bytes_sent $request_length \"$http_range\" "
         "\"$request\"';\n"
      << "  access_log " << d << "/access.log gatecast;\n"
      << "  client_body_temp_path " << d << "/tmp/body;\n  proxy_temp_path " << d << "/tmp/proxy;\n"
      << "  fastcgi_temp_path " << d << "/tmp/fastcgi;\n  uwsgi_temp_path " << d << "/tmp/uwsgi;\n"
      << "  scgi_temp_path " << d << "/tmp/scgi;\n"
      << "  server {\n    listen 127.0.0.1:" << port_ << (options_.tls ? " ssl" : "") << ";\n"
      << "    listen 127.0.0.1:" << marker_port_ << ";\n    root " << root_.string() << ";\n";
    if (options_.tls)
      c << "    ssl_certificate " << d << "/cert.pem;\n    ssl_certificate_key " << d << "/key.pem;\n";
    if (!options_.limit_rate.empty()) c << "    limit_rate " << options_.limit_rate << ";\n";
    if (options_.dav) {
      c << "    location /dav/ {\n      root " << d << "/webdav;\n      dav_methods PUT;\n"
        << "      create_full_put_path on;\n      dav_access user:rw;\n      client_max_body_size 64m;\n    "
           "}\n";
    }
    // settle()'s marker requests: answered without touching a file (nothing in error.log).
    c << "    location /" << settle_prefix << " { return 204; }\n";
    c << options_.extra << "\n  }\n}\n";
  }

  std::filesystem::path root_;
  NginxOptions options_;
  TempDir dir_;
  int port_;
  int marker_port_;  // plain HTTP, for settle()'s marker requests whatever port_ speaks
  pid_t pid_ = -1;
  mutable int settles_ = 0;
};

}  // namespace gatecast::test
