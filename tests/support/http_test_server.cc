#include "support/http_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_support.h"

extern char** environ;

namespace annexa::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 307: return "Temporary Redirect";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

// Milliseconds left before `deadline`, never negative.
int MsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<long long>(0, left.count()));
}

// Waits for `fd` to be readable; false on timeout or when the wake pipe
// fired (the server is stopping), so no handler can outlive the destructor.
bool WaitReadable(int fd, int wake_fd, int timeout_ms) {
  pollfd fds[2] = {{fd, POLLIN, 0}, {wake_fd, POLLIN, 0}};
  int n = ::poll(fds, 2, timeout_ms);
  if (n <= 0) return false;
  if (fds[1].revents != 0) return false;
  return fds[0].revents != 0;
}

void SendAll(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away: nothing more to do
    off += static_cast<size_t>(n);
  }
}

// Reads one request (head and any Content-Length body). False when the client
// hung up, was too slow, or the server is stopping.
bool ReadRequest(int fd, int wake_fd, RecordedRequest& out) {
  std::string buf;
  auto deadline = Clock::now() + std::chrono::seconds(5);
  size_t head_end;
  while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
    if (!WaitReadable(fd, wake_fd, MsLeft(deadline))) return false;
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<size_t>(n));
  }
  std::istringstream head(buf.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  std::istringstream request_line(line);
  std::string version;
  request_line >> out.method >> out.target >> version;
  out.path = out.target.substr(0, out.target.find('?'));
  while (std::getline(head, line)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    out.headers[Lower(Trim(line.substr(0, colon)))] = Trim(line.substr(colon + 1));
  }
  // Consume a request body so closing does not reset the connection.
  size_t want = 0;
  if (auto it = out.headers.find("content-length"); it != out.headers.end()) {
    want = static_cast<size_t>(std::strtoull(it->second.c_str(), nullptr, 10));
  }
  size_t have = buf.size() - head_end - 4;
  while (have < want) {
    if (!WaitReadable(fd, wake_fd, MsLeft(deadline))) return false;
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    have += static_cast<size_t>(n);
  }
  return true;
}

std::string ResponseHead(const CannedResponse& r) {
  std::string head = "HTTP/1.1 " + std::to_string(r.status) + " " + Reason(r.status) + "\r\n";
  bool has_length = false;
  for (const auto& [name, value] : r.headers) {
    head += name + ": " + value + "\r\n";
    if (Lower(name) == "content-length") has_length = true;
  }
  if (!has_length && r.send_content_length) head += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  head += "Connection: close\r\n\r\n";
  return head;
}

}  // namespace

CannedResponse CannedResponse::Ok(std::string body, std::string content_type) {
  CannedResponse r;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

CannedResponse CannedResponse::Status(int status, std::string body) {
  CannedResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = std::move(body);
  return r;
}

CannedResponse CannedResponse::Redirect(std::string location, int status) {
  CannedResponse r;
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

CannedResponse CannedResponse::Truncated(size_t declared_bytes, size_t send_bytes) {
  CannedResponse r = Ok(std::string(declared_bytes, 'x'));
  r.behavior = Behavior::kTruncate;
  r.send_bytes = send_bytes;
  return r;
}

CannedResponse CannedResponse::Reset(size_t declared_bytes, size_t send_bytes) {
  CannedResponse r = Truncated(declared_bytes, send_bytes);
  r.behavior = Behavior::kReset;
  return r;
}

CannedResponse CannedResponse::Stall(int stall_ms) {
  CannedResponse r = Ok("late\n");
  r.behavior = Behavior::kStall;
  r.stall_ms = stall_ms;
  return r;
}

CannedResponse CannedResponse::StallMidBody(size_t declared_bytes, size_t send_bytes, int stall_ms) {
  CannedResponse r = Truncated(declared_bytes, send_bytes);
  r.behavior = Behavior::kStallBody;
  r.stall_ms = stall_ms;
  return r;
}

std::string RecordedRequest::Header(const std::string& name) const {
  auto it = headers.find(Lower(name));
  return it == headers.end() ? "" : it->second;
}

bool RecordedRequest::HasHeader(const std::string& name) const {
  return headers.count(Lower(name)) != 0;
}

HttpTestServer::HttpTestServer(int max_connections) : max_connections_(max_connections) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  if (::pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("pipe failed");
  }
  thread_ = std::thread([this] { Run(); });
}

HttpTestServer::~HttpTestServer() {
  char byte = 1;
  // The pipe stays readable from now on, which stops every wait in Run().
  [[maybe_unused]] ssize_t n = ::write(wake_pipe_[1], &byte, 1);
  thread_.join();
  ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

std::string HttpTestServer::Url(const std::string& path, const std::string& host) const {
  return "http://" + host + ":" + std::to_string(port_) + path;
}

void HttpTestServer::Script(const std::string& path, CannedResponse response) {
  std::lock_guard lock(mu_);
  script_[path].push_back(std::move(response));
}

std::vector<RecordedRequest> HttpTestServer::Requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

bool HttpTestServer::WaitForRequests(size_t n, int timeout_ms) const {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                      [&] { return requests_.size() >= n; });
}

CannedResponse HttpTestServer::Next(const std::string& path) {
  std::lock_guard lock(mu_);
  auto it = script_.find(path);
  if (it == script_.end() || it->second.empty()) return CannedResponse::Status(404, "not found\n");
  CannedResponse r = it->second.front();
  if (it->second.size() > 1) it->second.pop_front();
  return r;
}

void HttpTestServer::Run() {
  for (int served = 0; served < max_connections_; ++served) {
    if (!WaitReadable(listen_fd_, wake_pipe_[0], -1)) return;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Handle(fd);
    ::close(fd);
  }
  // Bounded: later connections are refused rather than left hanging.
  ::shutdown(listen_fd_, SHUT_RDWR);
}

void HttpTestServer::Handle(int fd) {
  RecordedRequest request;
  if (!ReadRequest(fd, wake_pipe_[0], request)) return;
  {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
  }
  cv_.notify_all();
  CannedResponse r = Next(request.path);

  if (r.behavior == CannedResponse::Behavior::kStall) {
    // Readable here means the client hung up (it sends nothing more), so
    // the next connection is served without waiting for the full stall.
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, r.stall_ms) != 0) return;
  }
  std::string head = ResponseHead(r);
  if (r.behavior == CannedResponse::Behavior::kReset) {
    SendAll(fd, head + r.body.substr(0, std::min(r.send_bytes, r.body.size())));
    // Give the client time to read what was sent (an RST discards unread
    // data), then close with SO_LINGER 0: the kernel sends RST, not FIN.
    WaitReadable(fd, wake_pipe_[0], 200);
    linger abort{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    return;
  }
  if (r.behavior == CannedResponse::Behavior::kTruncate) {
    SendAll(fd, head + r.body.substr(0, std::min(r.send_bytes, r.body.size())));
  } else if (r.behavior == CannedResponse::Behavior::kStallBody) {
    const size_t sent = std::min(r.send_bytes, r.body.size());
    SendAll(fd, head + r.body.substr(0, sent));
    // As kStall: the client hanging up (or the server stopping) ends the wait.
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, r.stall_ms) != 0) return;
    SendAll(fd, r.body.substr(sent));
  } else {
    SendAll(fd, head + r.body);
  }
  // Half-close, then let the client finish reading before the fd is closed.
  ::shutdown(fd, SHUT_WR);
  auto deadline = Clock::now() + std::chrono::milliseconds(500);
  char sink[1024];
  while (WaitReadable(fd, wake_pipe_[0], MsLeft(deadline))) {
    if (::recv(fd, sink, sizeof sink, 0) <= 0) break;
  }
}

int UnusedLocalPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

bool OpensslAvailable() {
  return std::system("command -v openssl >/dev/null 2>&1") == 0;
}

TlsTestServer::TlsTestServer() {
  if (!OpensslAvailable()) {
    error_ = "openssl command not found";
    return;
  }
  dir_ = MakeTempDir();
  cert_file_ = dir_ + "/cert.pem";
  std::string key_file = dir_ + "/key.pem";
  // An EC key keeps generation fast; the SAN covers both names tests use.
  std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
                    " -days 2 -subj /CN=localhost"
                    " -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
                    " -keyout '" + key_file + "' -out '" + cert_file_ + "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    error_ = "openssl req failed";
    return;
  }
  std::string log_file = dir_ + "/server.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir_.c_str());
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<std::string> args = {"openssl", "s_server", "-accept", "127.0.0.1:0", "-WWW",
                                   "-cert", cert_file_, "-key", key_file};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int rc = ::posix_spawnp(&pid_, "openssl", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    error_ = "cannot start openssl s_server";
    return;
  }
  // s_server prints "ACCEPT 127.0.0.1:PORT" once it listens (port 0 = ephemeral).
  auto deadline = Clock::now() + std::chrono::seconds(5);
  while (Clock::now() < deadline) {
    std::ifstream log(log_file);
    std::string word, address;
    while (log >> word) {
      if (word == "ACCEPT" && log >> address) {
        port_ = std::atoi(address.substr(address.rfind(':') + 1).c_str());
        return;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  error_ = "openssl s_server did not report its port";
}

TlsTestServer::~TlsTestServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::string TlsTestServer::Url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path;
}

void TlsTestServer::AddFile(const std::string& name, const std::string& content) {
  WriteTextFile(dir_, name, content);
}

}  // namespace annexa::testing
