// A small scripted HTTP/1.1 server for tests: plain POSIX sockets, bound to
// 127.0.0.1 on an ephemeral port, serving canned responses from a std::thread.
// One request per connection (every response says "Connection: close"), so
// each client attempt is one accepted connection and one recorded request.
//
// Also TlsTestServer: `openssl s_server -WWW` behind a self-signed certificate
// generated at test time, for the TLS verification paths.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace annexa::testing {

// What the server does with one request.
struct CannedResponse {
  enum class Behavior {
    kNormal,    // status + headers + body, then close
    kTruncate,  // declares Content-Length: body.size(), sends send_bytes, closes
    kStall,     // reads the request, then waits stall_ms (or until the client
                // hangs up or the server stops) before answering normally
    kReset,     // like kTruncate, then aborts the connection with a TCP RST
    kStallBody, // sends the head and send_bytes of the body, then waits
                // stall_ms (or until the client hangs up) before the rest
  };

  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Behavior behavior = Behavior::kNormal;
  size_t send_bytes = 0;  // kTruncate, kReset
  // False: no Content-Length, the body ends when the connection closes.
  bool send_content_length = true;
  int stall_ms = 0;       // kStall, kStallBody

  static CannedResponse Ok(std::string body, std::string content_type = "text/csv");
  static CannedResponse Status(int status, std::string body = "");
  // Location is sent verbatim: absolute ("http://localhost:PORT/x") or a path.
  static CannedResponse Redirect(std::string location, int status = 302);
  static CannedResponse Truncated(size_t declared_bytes, size_t send_bytes);
  static CannedResponse Stall(int stall_ms);
  static CannedResponse Reset(size_t declared_bytes, size_t send_bytes);
  // Headers and the first send_bytes of a declared_bytes body, then nothing
  // for stall_ms: a server that stops in the middle of a transfer.
  static CannedResponse StallMidBody(size_t declared_bytes, size_t send_bytes, int stall_ms);
};

// One request as the server received it.
struct RecordedRequest {
  std::string method;
  std::string target;  // as on the request line, query included
  std::string path;    // target without the query
  std::map<std::string, std::string> headers;  // names lower-cased

  // The header's value, or "" when absent. `name` in any case.
  std::string Header(const std::string& name) const;
  bool HasHeader(const std::string& name) const;
};

class HttpTestServer {
 public:
  // Stops (and refuses further connections) after `max_connections`.
  explicit HttpTestServer(int max_connections = 32);
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const { return port_; }
  // "http://HOST:PORT" + path; host "localhost" names the same server under
  // another host name (for cross-host redirect tests).
  std::string Url(const std::string& path, const std::string& host = "127.0.0.1") const;

  // Queues a response for `path` (query ignored). Responses are served in
  // order; the last one keeps being served. Unscripted paths get a 404.
  void Script(const std::string& path, CannedResponse response);

  // Every request received so far, in order.
  std::vector<RecordedRequest> Requests() const;
  // Waits (up to timeout_ms) until at least `n` requests were received.
  bool WaitForRequests(size_t n, int timeout_ms = 2000) const;

 private:
  void Run();
  void Handle(int client_fd);
  CannedResponse Next(const std::string& path);

  int max_connections_;
  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};  // written by the destructor to stop the loop
  int port_ = 0;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::map<std::string, std::deque<CannedResponse>> script_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

// A TCP port on 127.0.0.1 that nothing listens on (bound, then closed), for
// "connection refused" tests.
int UnusedLocalPort();

// True when the `openssl` command is on PATH.
bool OpensslAvailable();

// `openssl s_server -WWW` on 127.0.0.1 serving files from a temp directory,
// with a self-signed certificate for CN=localhost, IP 127.0.0.1. ok() is false
// when openssl is missing or the server did not start.
class TlsTestServer {
 public:
  TlsTestServer();
  ~TlsTestServer();
  TlsTestServer(const TlsTestServer&) = delete;
  TlsTestServer& operator=(const TlsTestServer&) = delete;

  bool ok() const { return pid_ > 0 && port_ > 0; }
  const std::string& error() const { return error_; }
  std::string Url(const std::string& path) const;
  // The self-signed certificate (PEM), to pass as a CA file.
  const std::string& cert_file() const { return cert_file_; }
  // Writes a file the server will serve at "/name".
  void AddFile(const std::string& name, const std::string& content);

 private:
  std::string dir_;
  std::string cert_file_;
  std::string error_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace annexa::testing
