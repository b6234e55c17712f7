// OpenRegularFile, ReadFile and CheckRegularFile (core/file_util.h) read
// only regular files: a FIFO, a device, a socket or a directory is refused
// at once with a message naming the path and what it is (issue 17: a FIFO
// given as the config hung annexa for ever, /dev/zero was read to 4 GiB).
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <string>

#include "core/file_util.h"
#include "test_support.h"

using namespace annexa;

namespace {

// Reads `path` on another thread. Were the read to block (the bug), the
// FIFO is opened for writing and closed, which ends it with end-of-file,
// so a regression fails the test instead of hanging the suite.
Result<std::string> ReadGuarded(const std::string& fifo, std::chrono::milliseconds* took) {
  const auto start = std::chrono::steady_clock::now();
  auto read = std::async(std::launch::async, [&] { return ReadFile(fifo); });
  if (read.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    FAIL_CHECK("ReadFile blocked on the FIFO " << fifo);
    const int w = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (w >= 0) ::close(w);
  }
  Result<std::string> r = read.get();
  *took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return r;
}

}  // namespace

TEST_CASE("ReadFile refuses a FIFO at once, without waiting for a writer", "[core][waits]") {
  const std::string dir = testing::MakeTempDir();
  const std::string fifo = dir + "/config.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::chrono::milliseconds took{};
  Result<std::string> r = ReadGuarded(fifo, &took);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kIoError);
  CHECK(r.status().message() == fifo + ": is a FIFO (named pipe), not a regular file");
  CHECK(took.count() < 1000);
  // A symlink to it is the FIFO too.
  const std::string link = dir + "/link.yaml";
  REQUIRE(::symlink(fifo.c_str(), link.c_str()) == 0);
  Result<std::string> via_link = ReadGuarded(link, &took);
  REQUIRE_FALSE(via_link.ok());
  CHECK(via_link.status().message() == link + ": is a FIFO (named pipe), not a regular file");
  CHECK(CheckRegularFile(fifo).message() == fifo + ": is a FIFO (named pipe), not a regular file");
}

TEST_CASE("ReadFile refuses a device, a socket and a directory", "[core][waits]") {
  // /dev/zero never ends: it used to be read up to the 4 GiB cap.
  Result<std::string> zero = ReadFile("/dev/zero");
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.status().code() == StatusCode::kIoError);
  CHECK(zero.status().message() == "/dev/zero: is a character device, not a regular file");
  CHECK(CheckRegularFile("/dev/null").message() == "/dev/null: is a character device, not a regular file");

  const std::string dir = testing::MakeTempDir();
  CHECK(ReadFile(dir).status().message() == dir + ": is a directory, not a regular file");

  const std::string sock = dir + "/s";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(sock.size() < sizeof addr.sun_path);
  sock.copy(addr.sun_path, sock.size());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  CHECK(ReadFile(sock).status().message() == sock + ": is a socket, not a regular file");
  ::close(fd);
}

TEST_CASE("ReadFile still reads regular files, through a symlink too", "[core][waits]") {
  const std::string dir = testing::MakeTempDir();
  const std::string file = testing::WriteTextFile(dir, "a.csv", "id\n1\n");
  Result<std::string> r = ReadFile(file);
  REQUIRE(r.ok());
  CHECK(*r == "id\n1\n");
  const std::string link = dir + "/b.csv";
  REQUIRE(::symlink(file.c_str(), link.c_str()) == 0);
  CHECK(*ReadFile(link) == "id\n1\n");
  CHECK(CheckRegularFile(file).ok());
  // The descriptor is blocking again once the checks are done.
  Result<ReadOnlyFile> opened = OpenRegularFile(file);
  REQUIRE(opened.ok());
  CHECK(opened->size() == 5);
  CHECK((::fcntl(opened->fd(), F_GETFL) & O_NONBLOCK) == 0);
  CHECK(ReadFile(dir + "/missing.csv").status().code() == StatusCode::kNotFound);
  CHECK(ReadFile(dir + "/missing.csv").status().message() == dir + "/missing.csv: no such file");
}
