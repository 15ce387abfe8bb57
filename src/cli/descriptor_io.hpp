// The command line's reads and writes on its descriptors, whatever mode its caller left them
// in. A descriptor is shared with whoever opened it: a parent may hand bpv a pipe or terminal
// in non-blocking mode (O_NONBLOCK is a flag of the open file, not of bpv's copy), and then a
// read finds nothing yet, or a write finds the pipe full, with EAGAIN. Both are waited out here
// (poll), not taken for failures: a slow reader of a long report must get all of it. The flag
// itself is left as it is, since the parent relies on it.
#pragma once

#include <cstddef>
#include <streambuf>

namespace bpv::cli {

/// read(2) of at most `size` bytes, again after EINTR, and after EAGAIN once `fd` is readable.
/// Returns what read(2) returns (errno set when -1).
long read_some(int fd, char* to, std::size_t size) noexcept;

/// Writes all `size` bytes, again after EINTR, partial writes and EAGAIN (once `fd` is
/// writable). False on any other failure (errno set): a full disk, a reader gone (EPIPE).
bool write_all(int fd, const char* from, std::size_t size) noexcept;

/// A stream buffer over a descriptor that writes with write_all: for std::cout and std::cerr
/// in place of the library's, which take EAGAIN for a failure. A failed write fails the stream.
class descriptor_buffer : public std::streambuf {
 public:
  explicit descriptor_buffer(int fd) noexcept : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
  descriptor_buffer(const descriptor_buffer&) = delete;
  descriptor_buffer& operator=(const descriptor_buffer&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  bool drain() noexcept;  // writes what the buffer holds; false when that failed

  int fd_;
  bool failed_ = false;  // once a write failed, nothing more is written (the stream has failed)
  char buf_[1 << 16];
};

}  // namespace bpv::cli
